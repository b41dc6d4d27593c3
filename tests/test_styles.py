"""The theme's stylesheet cut to what a site uses (generator/engines/styles.py)."""

from __future__ import annotations

from pathlib import Path

from generator.engines.styles import Usage, site_usage, trim, trim_site


def usage(markup: str = "", script: str = "") -> Usage:
    found = Usage()
    found.add_markup(markup)
    found.add_script(script)
    return found


def test_a_rule_for_a_class_no_page_has_goes_and_one_for_a_class_a_page_has_stays():
    css = ".md-blog{color:red}.md-typeset{color:blue}"
    assert trim(css, usage('<div class="md-typeset">blog</div>')) == ".md-typeset{color:blue}"


def test_words_a_reader_sees_are_not_markup():
    assert trim(".note{x:1}", usage("<p>a note</p>")) == ""


def test_a_list_of_selectors_keeps_those_that_can_match():
    css = ".a .b,.c,.a .zz{x:1}"
    assert trim(css, usage('<i class="a"><b class="b"></b></i>')) == ".a .b{x:1}"


def test_rules_inside_media_are_cut_and_an_empty_media_goes():
    css = "@media print{.a{x:1}.zz{y:2}}@media screen{.zz{y:2}}"
    assert trim(css, usage('<i class="a">')) == "@media print{.a{x:1}}"


def test_what_a_selector_only_may_require_is_not_read():
    css = ".a:not(.zz){x:1}:is(.zz,.a) p{y:2}"
    assert trim(css, usage('<i class="a">')) == css


def test_ids_and_attribute_values_count_as_classes_do():
    css = (
        "#__drawer{a:1}#gone{b:2}"
        "[data-md-color-primary=indigo]{c:3}[data-md-color-primary=pink]{d:4}"
    )
    markup = '<input id="__drawer"><body data-md-color-primary="indigo">'
    assert trim(css, usage(markup)) == "#__drawer{a:1}[data-md-color-primary=indigo]{c:3}"


def test_a_class_a_script_builds_from_a_prefix_stays():
    css = ".md-source__fact--stars{x:1}.md-other--a{y:2}"
    script = "e=`md-source__fact md-source__fact--${t}`"
    assert trim(css, usage(script=script)) == ".md-source__fact--stars{x:1}"


def test_classes_in_inline_scripts_count():
    css = ".md-dialog{x:1}"
    assert trim(css, usage('<script>el.className="md-dialog"</script>')) == css


def test_strings_keep_their_escapes_as_written():
    css = ':root{--icon:url("data:x<svg>\\3c !--c--></svg>")}.a{content:"\\f00c"}'
    assert trim(css, usage('<i class="a">')) == css


def test_a_stylesheet_read_with_an_error_is_left_whole():
    css = ".zz{x:1}}.a{y:2}"
    assert trim(css, usage('<i class="a">')) == css


def site(folder: Path) -> Path:
    for prefix in ("", "en/"):
        styles = folder / prefix / "assets" / "stylesheets"
        styles.mkdir(parents=True)
        (styles / "main.0123abcd.min.css").write_text(".a{x:1}.zz{y:2}")
        (styles / "main.0123abcd.min.css.map").write_text("{}")
        (styles / "unused.4567abcd.min.css").write_text(".zz{y:2}")
        (folder / prefix / "index.html").write_text(
            '<link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css">'
            '<link rel="stylesheet" href="https://cdn.example/assets/stylesheets/x.min.css">'
            '<p class="a">zz</p>'
        )
    return folder


def test_a_site_links_its_cut_stylesheet_in_every_language(tmp_path):
    folder = site(tmp_path)
    done = trim_site(folder)
    assert [(t.before, t.bytes_before, t.bytes_after) for t in done] == [
        ("assets/stylesheets/main.0123abcd.min.css", 15, 7)
    ]
    after = done[0].after
    assert after.startswith("assets/stylesheets/main.") and after != done[0].before
    for prefix in ("", "en/"):
        assert (folder / prefix / after).read_text() == ".a{x:1}"
        assert not (folder / prefix / done[0].before).exists()
        assert not (folder / prefix / (done[0].before + ".map")).exists()
        page = (folder / prefix / "index.html").read_text()
        assert f'href="{after}"' in page
        assert "https://cdn.example/assets/stylesheets/x.min.css" in page
        # A stylesheet no page links is left as it is.
        assert (folder / prefix / "assets/stylesheets/unused.4567abcd.min.css").exists()


def test_the_same_site_cuts_to_the_same_name(tmp_path):
    first = trim_site(site(tmp_path / "one"))
    second = trim_site(site(tmp_path / "two"))
    assert first[0].after == second[0].after


def test_the_search_index_is_not_read_as_markup(tmp_path):
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_text('x="md-blog"')
    (tmp_path / "app.js").write_text('x="md-dialog"')
    found = site_usage(tmp_path)
    assert "md-dialog" in found.names and "md-blog" not in found.names
