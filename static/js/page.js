// Loaded in <head>, before the page paints. The pages work without JavaScript; this file marks the
// page as scripted ("js" on <html>) so that the CSS offers Bootstrap's collapsing menu and the
// message close buttons only when scripts run, and shows everything plainly when they do not.
document.documentElement.classList.add("js");

// The user menu is a <details> element, so it opens without JavaScript; with it, it also closes
// on Escape, on a click elsewhere and when focus moves out of it, as a menu does.
function closeMenus(except) {
  document.querySelectorAll("details.nav-menu[open]").forEach(function (menu) {
    if (menu !== except) {
      menu.removeAttribute("open");
    }
  });
}
function menuAround(element) {
  return element && element.closest ? element.closest("details.nav-menu") : null;
}
document.addEventListener("click", function (event) {
  closeMenus(menuAround(event.target));
});
document.addEventListener("focusin", function (event) {
  closeMenus(menuAround(event.target));
});
// Escape closes the innermost thing open in the navigation and gives focus back to what opened it:
// the user menu first, then (on a phone) the collapsed navigation, back to its toggle button.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") {
    return;
  }
  var open = document.querySelector("details.nav-menu[open]");
  if (open) {
    open.removeAttribute("open");
    open.querySelector("summary").focus();
    return;
  }
  var navigation = document.querySelector(".navbar-collapse.show");
  var toggler = document.querySelector(".navbar-toggler[aria-expanded=true]");
  if (navigation && toggler && toggler.closest(".navbar").contains(document.activeElement)) {
    toggler.click(); // Bootstrap's collapse closes it, and sets aria-expanded back
    toggler.focus();
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
