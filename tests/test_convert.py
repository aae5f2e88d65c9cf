"""zh-Hans is generated from zh-Hant: characters, regional words and our phrase table."""

from __future__ import annotations

import pytest

from atlas.convert import PHRASES, chinese, localise, to_simplified
from atlas.model import Text

# (written in zh-Hant, expected on the zh-Hans site)
PAIRS = [
    ("軟件", "软件"),  # Hong Kong word, same word on the mainland
    ("產業集群", "产业集群"),  # never 集羣
    ("中試", "中试"),
    ("創新科技及工業局", "创新科技及工业局"),
    ("衞生", "卫生"),  # Hong Kong variant character
    # meaning kept where a Taiwan-phrase conversion would change it
    ("決策參閱簡報", "决策参阅简报"),
    ("科學裝置", "科学装置"),
    ("理查德·佛羅里達", "理查德·佛罗里达"),
    ("複製矽谷", "复制硅谷"),
    ("政策文件", "政策文件"),
    ("以上資料由秘書處編寫", "以上资料由秘书处编写"),
    ("參考指標", "参考指标"),
    # the phrase table, one row per entry
    ("矽丘", "硅丘"),
    ("資訊科技", "信息科技"),
    ("人工智慧", "人工智能"),
    ("晶片", "芯片"),
    ("軟體", "软件"),
    ("透過", "通过"),
    ("三藩市", "旧金山"),
    ("聖荷西", "圣何塞"),
    ("史丹福大學", "斯坦福大学"),
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
    assert to_simplified("透過資訊科技") == "通过信息科技"


def test_english_and_traditional_pages_are_left_as_written():
    text = Text(en="Silicon Valley", zh="矽谷")
    assert localise(text, "en") == "Silicon Valley"
    assert localise(text, "zh-hant") == "矽谷"
    assert localise(text, "zh-hans") == "硅谷"
    assert chinese("矽谷", "zh-hant") == "矽谷"
