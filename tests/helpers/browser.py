"""What browser tests share: logging in through the admin's form, and watching
for Content Security Policy violations."""

# Every violation the page sees, from the moment it starts.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def log_in(page, base, username):
    """Log in on the admin's login page as a person would (tests.helpers.factories
    gives every user the same password), and wait until the admin opens."""
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")


def watch(page):
    """Collect CSP violations: the DOM events, and Chromium's console reports."""
    refused = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return refused


def violations(page, refused):
    return refused + page.evaluate("window.__violations || []")
