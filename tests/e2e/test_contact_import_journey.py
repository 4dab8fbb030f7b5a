"""Import the sample .vcf: the progress, the preview with a duplicate merged, the contacts listed."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from crisis_coach.network.models import Contact
from tests.e2e.pages import log_in
from tests.factories import make_contact, make_user
from tests.tasks import run_pending_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "contacts.vcf"


def test_importing_the_sample_with_a_duplicate_merged(page, artifacts_dir):
    user = make_user(display_name="Noor Rahman")
    make_contact(user, name="Rana Haddad", organisation="Old Co", relationship="manager")
    log_in(page, user)

    page.get_by_role("link", name="Network").click()
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_text("at most 10 MB and 5,000 contacts")).to_be_visible()
    expect(page.get_by_test_id("import-sample")).to_be_visible()
    page.locator("#id_file").set_input_files(SAMPLE)
    page.get_by_role("button", name="Read the file").click()

    # The file is read by the task worker; the page follows along and shows the preview once read.
    expect(page.get_by_test_id("import-status")).to_contain_text("Reading the file")
    run_pending_tasks()
    summary = page.get_by_test_id("import-summary")
    expect(summary).to_contain_text("5 new, 1 that look like people already in your network, 0 to skip")
    duplicate = page.get_by_test_id("import-row-duplicate")
    expect(duplicate).to_contain_text("Same name as")
    expect(duplicate).to_contain_text("Old Co")
    expect(duplicate).to_contain_text("Northwind Consulting")
    page.screenshot(path=artifacts_dir / "contact-import-preview.png", full_page=True)

    duplicate.get_by_role("radio", name="Merge").check()
    duplicate.get_by_role("radio", name="Northwind Consulting").check()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_test_id("import-status")).to_be_visible()
    run_pending_tasks()
    expect(page.get_by_test_id("import-done")).to_contain_text("Done: 5 added, 1 merged, 0 skipped.")

    page.get_by_role("link", name="See your contacts").click()
    expect(page.get_by_test_id("contact-row")).to_have_count(6)
    expect(page.get_by_role("link", name="王芳")).to_be_visible()
    expect(page.get_by_role("link", name="ليلى الأحمد")).to_be_visible()
    rana = Contact.objects.get(owner=user, name="Rana Haddad")
    assert (rana.organisation, rana.relationship) == ("Northwind Consulting", "manager")
    page.get_by_role("link", name="Rana Haddad").click()
    expect(page.get_by_test_id("contact-email")).to_have_text("rana.haddad@example.com")


def test_the_preview_fits_a_phone(browser, live_server, artifacts_dir):
    from crisis_coach.network.importing import reading, services
    from tests.e2e.pages import browser_page
    from tests.e2e.test_phone_width import PHONE, assert_fits_a_phone

    user = make_user(display_name="Alexandra Konstantinidou")
    make_contact(user, name="Rana Haddad", organisation="Northwind Consolidated Holdings", role="Director")
    text = reading.decode(SAMPLE.read_bytes())
    file_format, total = reading.sniff(text)
    job = services.import_start(
        owner=user, file_name="contacts.vcf", text=text, file_format=file_format, total=total
    )
    run_pending_tasks()
    with browser_page(browser, live_server, viewport=PHONE) as phone:
        log_in(phone, user)
        phone.goto(f"{live_server.url}/network/contacts/import/{job.public_id}/")
        expect(phone.get_by_test_id("import-row-duplicate")).to_be_visible()
        assert_fits_a_phone(phone, artifacts_dir, "contact-import-preview")
