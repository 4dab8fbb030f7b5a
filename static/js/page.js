// Loaded in <head>, before the page paints. The pages work without JavaScript; this file marks the
// page as scripted ("js" on <html>) so that the CSS offers Bootstrap's collapsing menu and the
// message close buttons only when scripts run, and shows everything plainly when they do not.
document.documentElement.classList.add("js");

// The user menu is a <details> element, so it opens without JavaScript; with it, it also closes
// on Escape and on a click elsewhere, as a menu does.
function closeMenus(except) {
  document.querySelectorAll("details.nav-menu[open]").forEach(function (menu) {
    if (menu !== except) {
      menu.removeAttribute("open");
    }
  });
}
document.addEventListener("click", function (event) {
  closeMenus(event.target.closest ? event.target.closest("details.nav-menu") : null);
});
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") {
    return;
  }
  var open = document.querySelector("details.nav-menu[open]");
  if (open) {
    open.removeAttribute("open");
    open.querySelector("summary").focus();
  }
});

// A password's "Show" button (templates/forms/field.html): shows what was typed, and hides it again.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("[data-password-toggle]") : null;
  if (!button) {
    return;
  }
  var input = document.getElementById(button.getAttribute("aria-controls"));
  var shown = input.type === "text";
  input.type = shown ? "password" : "text";
  button.setAttribute("aria-pressed", shown ? "false" : "true");
  input.focus();
});
