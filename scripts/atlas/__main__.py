"""Command line: python -m atlas {check,build,serve,dist,edition,manifest,reference}."""

from __future__ import annotations

import argparse
import signal
import sys
from datetime import date
from pathlib import Path

from atlas.build import BuildError
from atlas.paths import DATA, SITE
from atlas.problems import AtlasError


def _stop(signal_number: int, frame: object) -> None:
    raise SystemExit(128 + signal_number)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load and check every record; print all problems")
    build = commands.add_parser("build", help="check, then build the trilingual site into site/")
    for command in (check, build):
        command.add_argument("--data", type=Path, default=DATA, help="records folder (data/)")
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild, reload")
    serve.add_argument("--port", type=int, default=8000)
    reference = commands.add_parser("reference", help="print or write the README's model reference")
    reference.add_argument("--write", action="store_true", help="update README.md in place")
    edition = commands.add_parser("edition", help="record the current data as a new edition")
    edition.add_argument("version", help="the new edition's version, e.g. 1.1")
    edition.add_argument("--date", type=date.fromisoformat, default=date.today())
    edition.add_argument("--en", default="", help="one line on what the edition brings")
    edition.add_argument("--zh", default="", help="the same line in Chinese (Traditional)")
    edition.add_argument("--data", type=Path, default=DATA, help="records folder (data/)")
    dist = commands.add_parser("dist", help="write the built site as dist/*.tar.gz and .zip")
    dist.add_argument("--site", type=Path, default=SITE, help="the built site (site/)")
    manifest = commands.add_parser("manifest", help="add the built site's addresses to data/")
    manifest.add_argument("--site", type=Path, default=SITE, help="the built site (site/)")
    manifest.add_argument("--data", type=Path, default=DATA, help="records folder (data/)")
    arguments = parser.parse_args(argv)
    # a build stopped by `kill` cleans up as after Ctrl-C: no staging folder is left behind
    signal.signal(signal.SIGTERM, _stop)
    try:
        if arguments.command == "check":
            from atlas.pipeline import check

            atlas = check(arguments.data)
            print(f"{len(atlas.records)} records, {len(atlas.links)} links: no problems.")
        elif arguments.command == "build":
            from atlas.pipeline import build_site

            build_site(data_dir=arguments.data, progress=lambda line: print(f"build: {line}"))
        elif arguments.command == "serve":
            from atlas.serve import serve

            serve(port=arguments.port)
        elif arguments.command == "edition":
            from atlas.editions import record_edition
            from atlas.pipeline import check

            summary = {"en": arguments.en or "(to be written)", "zh": arguments.zh or "（待撰寫）"}
            try:
                atlas = check(arguments.data)
                written = record_edition(
                    arguments.data, atlas, arguments.version, arguments.date, summary
                )
            except FileExistsError as error:
                print(error, file=sys.stderr)
                return 1
            print(f"edition {arguments.version}: {written}; write its summary in editions.yml")
        elif arguments.command == "manifest":
            from atlas import manifest as published

            gone = published.missing(arguments.site, published.read_manifest(arguments.data))
            for problem in gone:
                print(problem, file=sys.stderr)
            built = published.site_addresses(arguments.site)
            added = published.write_manifest(arguments.data, built)
            print(f"{added} new addresses in data/{published.MANIFEST_FILE}; {len(gone)} gone.")
            return 1 if gone else 0
        elif arguments.command == "dist":
            from atlas.dist import write_dist

            try:
                for path in write_dist(arguments.site):
                    print(f"{path} ({path.stat().st_size:,} bytes)")
            except FileNotFoundError as error:
                print(error, file=sys.stderr)
                return 1
        elif arguments.command == "reference":
            from atlas.reference import print_or_write

            print_or_write(write=arguments.write)
    except AtlasError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"The site was not built; site/ is unchanged. {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
