from browsing import login
from design_pages import make_page, text


def test_look(page, acceptance_portal, site_manager):
    make_page(acceptance_portal, {"layout": "two-columns", "slots": {
        "main": [text("aaa", "<p>Welcome to our site. We make things.</p>"), text("bbb", "<p>Second story</p>")],
        "sidebar": [text("ccc", "<p>Opening hours</p>")]}})
    login(page, *site_manager)
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto("page/@@composite-design")
    page.wait_for_timeout(1500)
    page.screenshot(path="/tmp/g/design.png", full_page=True)
    print(messages)
    print(page.evaluate("() => !!document.querySelector('[data-composite-editor]').compositeEditor"))
