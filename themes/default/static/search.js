// Search on the search page: Pagefind's runtime (pagefind/pagefind.js, next
// to this site's assets) queried from a plain GET form. Without JavaScript
// the form still shows, and the page says how else to find things.
// No inline code, no storage, no request to another host (CSP: 'self').
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!script || !form || !input || !status || !list) {
    return;
  }
  var assets = new URL(".", script.src);
  var siteRoot = new URL("../", assets);
  var bundle = new URL("pagefind/pagefind.js", siteRoot);
  var pagefind = null;
  var latest = 0;

  function say(key, values) {
    var text = status.getAttribute("data-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    status.textContent = text;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(bundle.href).then(function (module) {
        return module.options({ baseUrl: siteRoot.pathname }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  // Pagefind marks matches with <mark>; everything else is shown as text.
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function show(results, query) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      // A title in another language than the page's (`title_lang`, or a
      // fallback's original) is read out in its own.
      if (data.meta && data.meta.title_lang) {
        link.lang = data.meta.title_lang;
      }
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(excerpt(data.excerpt || ""));
      list.appendChild(item);
    });
  }

  function search(query) {
    var run = ++latest;
    query = query.trim();
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    say("searching", { query: query });
    load()
      .then(function (module) {
        return module.search(query);
      })
      .then(function (found) {
        return Promise.all(
          found.results.slice(0, 20).map(function (r) {
            return r.data();
          })
        ).then(function (data) {
          return { total: found.results.length, data: data };
        });
      })
      .then(function (result) {
        if (run !== latest) {
          return;
        }
        show(result.data, query);
        if (result.total === 0) {
          say("none", { query: query });
        } else if (result.total === 1) {
          say("one", { query: query });
        } else {
          say("many", { query: query, n: String(result.total) });
        }
      })
      .catch(function () {
        if (run === latest) {
          list.textContent = "";
          say("unavailable", {});
        }
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url.href);
    search(input.value);
  });

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
