/* The network map: Cytoscape.js over the filtered network of /allies/network.json.
   The page already lists everything as text; this script only adds the picture: the circles as
   rings around the core, the core always named, any actor named on hover or keyboard focus, and
   each relation kind with its own line (the legend on the page says which). */
(function () {
  "use strict";
  var box = document.getElementById("network-map");
  if (!box || typeof window.cytoscape === "undefined") { return; }

  var SIZE = { core: 34, partner: 26, ally: 20, friend: 14 };
  var RING = { core: 0, partner: 1, ally: 2, friend: 3 };
  var MOVEMENT_ORDER = { ess: 0, both: 1, commons: 2, other: 3 };
  var LINES = { member_of: "solid", funds: "dashed", carries: "dotted",
                partner_of: "solid", co_produces: "dashed", allied_with: "dotted" };

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function group(movements) {
    var ess = movements.indexOf("ess") >= 0;
    var commons = movements.indexOf("commons") >= 0;
    if (ess && commons) { return "both"; }
    if (ess) { return "ess"; }
    if (commons) { return "commons"; }
    return "other";
  }

  /* Ring by ring from the core outwards; within a ring, by movement, so that each movement
     keeps one arc of every ring; then by name. The keyboard follows the same order. */
  function ordered(nodes) {
    return nodes.slice().sort(function (a, b) {
      return (RING[a.circle] - RING[b.circle])
        || (MOVEMENT_ORDER[group(a.movements)] - MOVEMENT_ORDER[group(b.movements)])
        || a.name.localeCompare(b.name);
    });
  }

  function elementsOf(data) {
    var symmetric = data.labels.symmetric || [];
    var nodes = ordered(data.nodes);
    var laid = rings(nodes);
    var guides = laid.drawn.map(function (ring) {
      var label = data.labels.circles[ring.circle] || ring.circle;
      return {
        group: "nodes", classes: "ring", selectable: false, grabbable: false,
        data: { id: "ring-" + ring.circle, label: label.charAt(0).toUpperCase() + label.slice(1),
                size: 2 * ring.radius },
        position: { x: 0, y: 0 }
      };
    });
    return guides.concat(nodes.map(function (node) {
      return {
        group: "nodes",
        position: laid.positions[node.id],
        classes: node.circle === "core" ? "actor core" : "actor",
        data: {
          id: String(node.id), label: node.name, slug: node.slug, circle: node.circle,
          circleLabel: data.labels.circles[node.circle] || node.circle,
          movement: group(node.movements), size: SIZE[node.circle] || 14,
        }
      };
    })).concat(data.edges.map(function (edge) {
      return {
        group: "edges",
        classes: symmetric.indexOf(edge.kind) >= 0 ? "" : "directed",
        data: { id: "r" + edge.id, source: String(edge.source), target: String(edge.target),
                kind: edge.kind, strength: edge.strength }
      };
    }));
  }

  function edgeStyles(large) {
    return Object.keys(LINES).map(function (kind) {
      var colour = css("--kind-" + kind, "#64748b");
      return { selector: "edge[kind = '" + kind + "']", style: {
        "line-color": colour, "target-arrow-color": colour,
        "line-style": large ? "solid" : LINES[kind] } };
    });
  }

  function styles(large) {
    var text = css("--color-text", "#1b1f1d");
    var surface = css("--color-surface", "#ffffff");
    var focus = css("--color-focus", "#b45309");
    return [
      { selector: "node", style: {
        "width": "data(size)", "height": "data(size)", "label": "",
        "font-size": 12, "color": text, "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": surface, "text-background-opacity": 0.85,
        "text-background-padding": 2, "text-background-shape": "roundrectangle",
        "min-zoomed-font-size": large ? 14 : 6, "border-width": large ? 0 : 1,
        "border-color": surface } },
      { selector: "node.core", style: { "label": "data(label)", "font-weight": "bold",
        "min-zoomed-font-size": 4 } },
      { selector: "node.lit", style: { "label": "data(label)", "z-index": 20,
        "min-zoomed-font-size": 0, "border-width": 3, "border-color": focus } },
      { selector: "node.ring", style: {
        "events": "no", "z-index": 0, "background-opacity": 0, "border-width": 1,
        "border-style": "dashed", "border-color": css("--color-border", "#cfd5d1"),
        "label": "data(label)", "text-valign": "top", "text-margin-y": -2, "font-size": 11,
        "color": css("--color-muted", "#4a524e"), "text-background-opacity": 0,
        "min-zoomed-font-size": 0 } },
      { selector: "node[movement = 'ess']", style: { "background-color": "#c2410c" } },
      { selector: "node[movement = 'commons']", style: { "background-color": "#15803d" } },
      { selector: "node[movement = 'both']", style: { "background-color": "#6d28d9" } },
      { selector: "node[movement = 'other']", style: { "background-color": "#64748b" } },
      { selector: "edge", style: {
        "width": "mapData(strength, 1, 5, 1, 3.5)", "curve-style": large ? "haystack" : "bezier",
        "opacity": 0.75 } },
      { selector: "edge.directed", style: { "target-arrow-shape": large ? "none" : "triangle" } }
    ].concat(edgeStyles(large)).concat([
      { selector: "edge.lit", style: { "opacity": 1, "z-index": 10 } }
    ]);
  }

  /* Rings around the core, one per circle, each wide enough for its actors (O(n)): the core's
     ring leaves room for the names it always shows. Returns the positions and the rings. */
  function rings(nodes) {
    var byRing = [[], [], [], []];
    nodes.forEach(function (node) { byRing[RING[node.circle] === undefined ? 3 : RING[node.circle]].push(node); });
    var positions = {}, drawn = [], radius = 0;
    byRing.forEach(function (members, ring) {
      if (!members.length) { return; }
      var spacing = ring === 0 ? 190 : (SIZE[members[0].circle] || 14) + 26;
      var wanted = members.length * spacing / (2 * Math.PI);
      radius = (ring === 0 && members.length === 1) ? 0
        : Math.max(wanted, radius + (radius ? 70 : 80));
      members.forEach(function (node, index) {
        var angle = -Math.PI / 2 + (Math.PI * (2 * index + 1)) / members.length;
        positions[node.id] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
      });
      if (radius) { drawn.push({ circle: members[0].circle, radius: radius }); }
    });
    return { positions: positions, drawn: drawn };
  }

  /* Names stay about 12px on screen however far the whole network is zoomed out to fit (on a
     phone most of all); long names wrap. */
  function readable(cy) {
    var size = Math.min(26, Math.max(13, 12 / cy.zoom()));
    cy.style().selector("node.actor").style({
      "font-size": size, "text-wrap": "wrap", "text-max-width": Math.min(9 * size, 150)
    }).selector("node.ring").style({ "font-size": 0.85 * size }).update();
  }

  /* Hover and keyboard light one actor: its name, its ring, its relations. */
  function lighting(cy) {
    var said = document.getElementById("map-focused");
    return function light(node) {
      cy.elements(".lit").removeClass("lit");
      if (!node) { return; }
      node.addClass("lit");
      node.connectedEdges().addClass("lit");
      if (said) { said.textContent = node.data("label") + " — " + node.data("circleLabel"); }
    };
  }

  function keyboard(cy, light) {
    var actors = cy.nodes(".actor");
    var index = -1;
    function go(next) {
      index = (next + actors.length) % actors.length;
      var node = actors[index];
      light(node);
      var box_ = cy.extent();
      var p = node.position();
      if (p.x < box_.x1 || p.x > box_.x2 || p.y < box_.y1 || p.y > box_.y2) { cy.center(node); }
    }
    box.addEventListener("focus", function () { if (actors.length) { go(index < 0 ? 0 : index); } });
    box.addEventListener("blur", function () { light(null); });
    box.addEventListener("keydown", function (event) {
      if (!actors.length) { return; }
      var moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      if (event.key in moves) { go(index + moves[event.key]); }
      else if (event.key === "Home") { go(0); }
      else if (event.key === "End") { go(actors.length - 1); }
      else if (event.key === "Enter" && index >= 0) {
        window.location.href = box.dataset.actorUrl.replace("SLUG", actors[index].data("slug"));
      } else { return; }
      event.preventDefault();
    });
  }

  function draw(data) {
    var large = data.nodes.length > 300;
    var cy = window.cytoscape({
      container: box,
      elements: elementsOf(data),
      layout: { name: "preset", fit: true, padding: 30 },
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      hideLabelsOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : "auto",
      style: styles(large)
    });
    readable(cy);
    var light = lighting(cy);
    cy.on("tap", "node", function (event) {
      window.location.href = box.dataset.actorUrl.replace("SLUG", event.target.data("slug"));
    });
    cy.on("mouseover", "node", function (event) { light(event.target); });
    cy.on("mouseout", "node", function () { light(null); });
    keyboard(cy, light);
    /* The lists below name the same actors: pointing at one lights it on the map. */
    document.querySelectorAll("a[data-actor]").forEach(function (link) {
      function on() { light(cy.getElementById(link.dataset.actor)); }
      link.addEventListener("mouseenter", on);
      link.addEventListener("focus", on);
      link.addEventListener("mouseleave", function () { light(null); });
      link.addEventListener("blur", function () { light(null); });
    });
    window.remixMap = cy;
    box.dataset.ready = "true";
  }

  fetch(box.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(draw);
})();
