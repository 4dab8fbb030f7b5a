// Time-zone selects (crisis_coach/accounts/forms.py, offer_zones). Without JavaScript they are plain
// grouped selects, and sign-up keeps UTC. With it, sign-up starts on the browser's own zone, and a
// filter above each select narrows its 400-odd cities to those matching what is typed (city,
// country, region or IANA name, in any case, accents aside). The words come from data- attributes,
// translated on the server.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[_/]/g, " ");
  }

  function detectZone(select) {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) {
      return;
    }
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === zone;
    });
    if (!known) {
      // An older name the list leaves out (Chromium says Asia/Calcutta): the server accepts any zone it
      // knows and stores the current name, or says next to the field that it does not know it.
      var group = document.createElement("optgroup");
      group.label = select.dataset.zoneOther;
      group.append(new Option(zone.replace(/_/g, " "), zone));
      select.append(group);
    }
    select.value = zone;
  }

  function addFilter(select) {
    // What the select holds, once: each group with its options and the words they are found by.
    var groups = Array.prototype.map.call(select.children, function (child) {
      var isGroup = child.tagName === "OPTGROUP";
      var options = isGroup ? Array.prototype.slice.call(child.children) : [child];
      return {
        node: child,
        options: options.map(function (option) {
          var words = [option.text, option.value, isGroup ? child.label : ""].join(" ");
          return { node: option, words: fold(words) };
        }),
      };
    });

    var box = document.createElement("div");
    box.className = "zone-filter mb-2";
    var label = document.createElement("label");
    label.className = "form-label small";
    label.htmlFor = select.id + "_filter";
    label.textContent = select.dataset.zoneFilter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "_filter";
    input.className = "form-control";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var status = document.createElement("p");
    status.className = "form-text zone-filter-status";
    status.setAttribute("aria-live", "polite");
    box.append(label, input, status);
    select.before(box);

    function show(query) {
      var terms = fold(query).split(/\s+/).filter(Boolean);
      var chosen = select.value;
      var kept = groups.map(function (group) {
        return {
          group: group,
          options: group.options.filter(function (option) {
            return terms.every(function (term) {
              return option.words.indexOf(term) !== -1;
            });
          }),
        };
      });
      var count = kept.reduce(function (sum, entry) {
        return sum + entry.options.length;
      }, 0);
      if (count === 0) {
        // Nothing to choose would leave an empty select: show the whole list, and say so.
        status.textContent = select.dataset.zoneNoMatch;
        kept = groups.map(function (group) {
          return { group: group, options: group.options };
        });
        terms = [];
      } else {
        status.textContent = "";
      }
      select.replaceChildren();
      kept.forEach(function (entry) {
        if (entry.options.length === 0) {
          return;
        }
        var nodes = entry.options.map(function (option) {
          return option.node;
        });
        if (entry.group.node.tagName === "OPTGROUP") {
          entry.group.node.replaceChildren.apply(entry.group.node, nodes);
          select.append(entry.group.node);
        } else {
          select.append(nodes[0]);
        }
      });
      select.value = chosen;
      if (select.value !== chosen) {
        select.selectedIndex = 0; // the choice was filtered out: the first match is what is typed
      }
      // While filtering, an open list shows the matches at once; otherwise the select is as it was.
      if (terms.length) {
        var shownGroups = kept.filter(function (entry) {
          return entry.options.length && entry.group.node.tagName === "OPTGROUP";
        }).length;
        select.size = Math.max(2, Math.min(8, count + shownGroups));
      } else {
        select.removeAttribute("size");
      }
    }

    input.addEventListener("input", function () {
      show(input.value);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault(); // Enter would send the form half filled; go to the matches instead
        select.focus();
      }
    });
  }

  document.querySelectorAll("select[data-zone-filter]").forEach(function (select) {
    if (select.dataset.zoneDetect) {
      detectZone(select);
    }
    addFilter(select);
  });
})();
