"""zh-Hans is generated from zh-Hant: characters, regional words and our phrase table."""

from __future__ import annotations

import pytest

from atlas.convert import PHRASES, chinese, localise, to_simplified
from atlas.model import Text

# (written in zh-Hant, expected on the zh-Hans site)
PAIRS = [
    ("軟件", "软件"),  # HK word, same word on the mainland
    ("軟體", "软件"),  # Taiwan word → mainland word
    ("資訊科技", "信息技术"),  # regional vocabulary
    ("矽谷", "硅谷"),
    ("人工智慧", "人工智能"),
    ("晶片", "芯片"),
    ("產業集群", "产业集群"),  # never 集羣
    ("中試", "中试"),
    ("創新科技及工業局", "创新科技及工业局"),
    # the phrase table, one row per entry
    ("三藩市", "旧金山"),
    ("聖荷西", "圣何塞"),
    ("史丹福大學", "斯坦福大学"),
    ("以上資料由秘書處編寫", "以上资料由秘书处编写"),
    ("衞生", "卫生"),
    ("參考指標", "参考指标"),
    ("存檔網址", "存档网址"),
    ("文字", "文字"),
]


@pytest.mark.parametrize(("traditional", "simplified"), PAIRS)
def test_conversion(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_every_phrase_table_entry_has_a_row_here():
    """An entry without a test is a guess; each one is checked above."""
    tested = "".join(traditional for traditional, _ in PAIRS)
    assert [key for key in PHRASES if key not in tested] == []


def test_phrases_apply_inside_longer_text():
    assert to_simplified("從三藩市到聖荷西的矽谷") == "从旧金山到圣何塞的硅谷"


def test_english_and_traditional_pages_are_left_as_written():
    text = Text(en="Silicon Valley", zh="矽谷")
    assert localise(text, "en") == "Silicon Valley"
    assert localise(text, "zh-hant") == "矽谷"
    assert localise(text, "zh-hans") == "硅谷"
    assert chinese("矽谷", "zh-hant") == "矽谷"
