"""zh-Hans is generated from zh-Hant: characters, regional words, our phrase table and the
term table; zh-Hant pages show our text in Hong Kong usage (the term table, the other way)."""

from __future__ import annotations

import pytest

from atlas.convert import (
    LANGUAGES,
    PHRASES,
    TERMS,
    chinese,
    handwritten_text,
    has_simplified,
    localise,
    script_runs,
    to_hong_kong,
    to_simplified,
    written_script,
)
from atlas.fold import fold
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
    ("資訊中心", "信息中心"),
    ("晶片", "芯片"),
    ("透過", "通过"),
    ("三藩市", "旧金山"),
    ("聖荷西", "圣何塞"),
    ("史丹福大學", "斯坦福大学"),
    ("三個語言版本共用同一批檔案", "三个语言版本共用同一批文件"),
    ("存檔網址", "存档网址"),  # 存檔 (archived) is no 檔案
    ("國家檔案館", "国家档案馆"),
    ("可供試算表、數據庫或程式使用", "可供电子表格、数据库或程序使用"),
    ("位元組順序標記", "字节顺序标记"),
    ("同一儲存格內", "同一单元格内"),
    ("專有欄位", "专有字段"),
    ("此項事實的連結", "此项事实的链接"),
    ("其超連結指向存檔", "其超链接指向存档"),
    ("複製此檢視的連結", "复制此视图的链接"),
    ("請以上方的搜尋框搜尋", "请以上方的搜索框搜索"),
    ("文字已選取", "文字已选中"),
    ("不從 CDN 載入程式", "不从 CDN 加载程序"),
    ("不使用網絡字型", "不使用网络字体"),
    ("指標儀表板", "指标仪表盘"),
    ("創作共用「署名 4.0 國際」授權條款", "知识共享「署名 4.0 国际」授权条款"),
    ("創新不再局限於單一城市", "创新不再局限于单一城市"),
    ("高營運成本", "高运营成本"),
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


# -- the term table: mainland ↔ Hong Kong --------------------------------------------------
# (written, shown on zh-Hant pages, shown on zh-Hans pages)
TERM_ROWS = [
    ("數字經濟", "數碼經濟", "数字经济"),
    ("數碼經濟", "數碼經濟", "数字经济"),
    ("數字科技", "數碼科技", "数字科技"),
    ("數碼科技", "數碼科技", "数字科技"),
    ("數字化", "數碼化", "数字化"),
    ("數碼化", "數碼化", "数字化"),
    ("數字基建", "數碼基建", "数字基建"),
    ("數碼基建", "數碼基建", "数字基建"),
    ("信息科技", "資訊科技", "信息科技"),
    ("信息技術", "資訊科技", "信息科技"),
    ("資訊科技", "資訊科技", "信息科技"),
    ("信息革命", "資訊革命", "信息革命"),
    ("資訊革命", "資訊革命", "信息革命"),
    ("軟件", "軟件", "软件"),
    ("軟體", "軟件", "软件"),
    ("互聯網", "互聯網", "互联网"),
    ("網際網路", "互聯網", "互联网"),
    ("人工智能", "人工智能", "人工智能"),
    ("人工智慧", "人工智能", "人工智能"),
    ("視頻", "影片", "视频"),
    ("影片", "影片", "视频"),
    ("高質量", "高質素", "高质量"),
    ("高質素", "高質素", "高质量"),
    ("生活質量", "生活質素", "生活质量"),
    ("生活質素", "生活質素", "生活质量"),
    # fixed phrases: never changed
    ("高質量發展", "高質量發展", "高质量发展"),
    ("推動數字經濟發展", "推動數字經濟發展", "推动数字经济发展"),
    (
        "推動數字經濟發展，建設智慧香港",
        "推動數字經濟發展，建設智慧香港",
        "推动数字经济发展，建设智慧香港",
    ),
    (
        "加快香港數字經濟和智慧城市發展步伐，提升市民生活質素",
        "加快香港數字經濟和智慧城市發展步伐，提升市民生活質素",
        "加快香港数字经济和智慧城市发展步伐，提升市民生活质素",
    ),
    (
        "加快香港數字經濟和智慧城市發展步伐",
        "加快香港數字經濟和智慧城市發展步伐",
        "加快香港数字经济和智慧城市发展步伐",
    ),
    # in a sentence
    ("隨着數字經濟迅速發展", "隨着數碼經濟迅速發展", "随着数字经济迅速发展"),
    (
        "保留周期性的高質量面對面互動",
        "保留周期性的高質素面對面互動",
        "保留周期性的高质量面对面互动",
    ),
    ("實現香港高質量發展", "實現香港高質量發展", "实现香港高质量发展"),
    (
        "布魯金斯學會與信息技術與創新基金會",
        "布魯金斯學會與資訊科技與創新基金會",
        "布鲁金斯学会与信息科技与创新基金会",
    ),
    # never inside quotation marks or titles: the words of others
    (
        "專欄稱之為「信息技術與創新基金會」",
        "專欄稱之為「信息技術與創新基金會」",
        "专栏称之为「信息技术与创新基金会」",
    ),
    (
        "第 12 段作「人工智慧」，附件則作「人工智能」",
        "第 12 段作「人工智慧」，附件則作「人工智能」",
        "第 12 段作「人工智慧」，附件则作「人工智能」",
    ),
    ("《數字經濟》一書", "《數字經濟》一書", "《数字经济》一书"),
    (
        "「提升市民生活質素」下的措施",
        "「提升市民生活質素」下的措施",
        "「提升市民生活质素」下的措施",
    ),
]


@pytest.mark.parametrize(("written", "hong_kong", "mainland"), TERM_ROWS)
def test_terms(written, hong_kong, mainland):
    assert to_hong_kong(written) == hong_kong
    assert to_simplified(written) == mainland
    assert chinese(written, "zh-hant") == chinese(written, "en") == hong_kong


def test_every_term_and_fixed_phrase_has_a_row_here():
    tested = {written for written, _, _ in TERM_ROWS}
    spellings = [s for term in TERMS.terms for s in term.spellings] + list(TERMS.keep)
    assert [spelling for spelling in spellings if spelling not in tested] == []


@pytest.mark.parametrize("term", TERMS.terms, ids=lambda term: term.hk)
def test_search_folds_every_spelling_of_a_term_alike(term):
    """Whichever side's word a reader types, in either script, the query folds alike."""
    spellings = [*term.spellings, *(to_simplified(s) for s in term.spellings)]
    spellings += [to_hong_kong(s) for s in term.spellings]
    assert len({fold(spelling) for spelling in spellings}) == 1, [fold(s) for s in spellings]


def test_our_zh_hant_folds_like_what_was_written(real_atlas):
    """The zh-Hant pages show Hong Kong terms; a reader who copies one into the search box
    must find the text it was converted from."""
    atlas = real_atlas
    texts = {
        text
        for record in atlas.records.values()
        for text in [record.names.zh, record.summary.zh, *(n.zh for n in record.notes)]
    }
    assert [text for text in sorted(texts) if fold(to_hong_kong(text)) != fold(text)] == []


# -- scripts ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Silicon Valley", "en"),
        ("borderless innovation zone", "en"),
        ("創科藍圖", "zh-Hant"),
        ("TOP創新區研究院", "zh-Hant"),
        ("创科蓝图", "zh-Hans"),
        ("AI算力", "zh-Hans"),
        ("人工智能", "zh-Hans"),  # the same in both: Simplified unless OpenCC would change it
    ],
)
def test_written_script(text, script):
    assert written_script(text) == script


def test_characters_only_simplified_text_uses():
    assert all(has_simplified(character) for character in "发区网导这")
    assert not any(
        has_simplified(character) for character in "群峰秘台于里后干著着"
    )  # Hong Kong writes 着 too


def test_chinese_on_english_pages_is_marked_run_by_run():
    text = (
        "The appendix is titled 《香港創新科技藍圖》 (line 66); the TOP_Lab article: AI (人工智能)."
    )
    assert script_runs(text, "en") == (
        ("The appendix is titled ", ""),
        ("《香港創新科技藍圖》", "zh-Hant"),
        (" (line 66); the TOP_Lab article: AI (", ""),
        ("人工智能", "zh-Hans"),
        (").", ""),
    )
    assert script_runs("Boston", "en") == (("Boston", ""),)


def test_simplified_words_on_traditional_pages_are_marked_whole():
    note = (
        "本趨勢副題「从“硅谷模式”到“泛区域创新网”」重複了標題「硅谷模式」，列舉時寫作政府主导型。"
    )
    assert script_runs(note, "zh-hant") == (
        ("本趨勢副題「", ""),
        ("从“硅谷模式”到“泛区域创新网”", "zh-Hans"),
        ("」重複了標題「硅谷模式」，列舉時寫", ""),
        ("作政府主导型", "zh-Hans"),  # from the last Traditional character on
        ("。", ""),
    )
    assert script_runs("硅谷", "zh-hans") == (("硅谷", ""),)


@pytest.mark.parametrize("code", ["zh-hant", "zh-hans"])
def test_spellings_marked_with_their_language_are_never_converted(tmp_path, code):
    """A hand-written page shows spellings as examples: marked with lang, they stay."""
    page = tmp_path / "about.md"
    page.write_text('（<span lang="zh-Hant">矽谷</span> / <span lang="zh-Hans">硅谷</span>）矽谷')
    language = next(language for language in LANGUAGES if language.code == code)
    shown = handwritten_text(language, page)
    assert shown.startswith(
        '（<span lang="zh-Hant">矽谷</span> / <span lang="zh-Hans">硅谷</span>）'
    )
    assert shown.endswith("硅谷" if code == "zh-hans" else "矽谷")
