"""Script folding (atlas.fold): the one normalisation shared by the index and the query."""

from __future__ import annotations

import pytest

from atlas.convert import to_simplified
from atlas.corpus import corpus_folder
from atlas.fold import fold
from atlas.model import quoted_items


@pytest.mark.parametrize(
    "spellings",
    [
        ("三藩市", "舊金山", "旧金山"),
        ("矽谷", "硅谷"),
        ("中試", "中试"),
        ("聖荷西", "圣何塞"),
        ("史丹福", "斯坦福"),
        ("軟件", "軟體", "软件"),
        ("人工智慧", "人工智能"),
        ("築波", "筑波"),
        ("研發", "研发"),
        ("ＣＨＩＰＳ　Ａｃｔ", "CHIPS Act"),
    ],
)
def test_spellings_a_reader_may_type_fold_alike(spellings):
    assert len({fold(spelling) for spelling in spellings}) == 1, [fold(s) for s in spellings]


@pytest.mark.parametrize("name", ["001_3546b5124ca27cdd.txt", "004_a8650b498dfa4e7e.txt"])
def test_simplified_text_keeps_its_characters(corpus, name):
    """Folding aims at Simplified: a Simplified source's characters must come out as they
    went in (OpenCC's Taiwan variants would turn 显著 into 显着, and the query 显著 would
    then miss it)."""
    text = (corpus_folder() / name).read_text(encoding="utf-8")
    changed = {
        (character, folded)
        for character, folded in zip(text, fold(text), strict=True)
        if character != folded and "\u3400" <= character <= "\u9fff"
    }
    assert changed == set()


def test_our_zh_hans_folds_like_the_zh_hant_it_comes_from(real_atlas):
    """Readers copy words from our zh-Hans pages into the search box; what they copy must
    fold like the zh-Hant it was converted from (a Taiwan phrase table breaks this)."""
    atlas = real_atlas
    texts = {
        text
        for record in atlas.records.values()
        for text in [
            record.names.zh,
            record.summary.zh,
            *record.names.aliases,
            *(item.claim.zh for item in quoted_items(record)),
        ]
    }
    differ = [text for text in sorted(texts) if fold(to_simplified(text)) != fold(text)]
    assert differ == []
