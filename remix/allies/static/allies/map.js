/* The network map: Cytoscape.js over the filtered network of /allies/network.json.
   The page already lists everything as text; this script only adds the picture. */
(function () {
  "use strict";
  var box = document.getElementById("network-map");
  if (!box || typeof window.cytoscape === "undefined") { return; }

  var SIZE = { core: 34, partner: 26, ally: 20, friend: 14 };
  var RING = { core: 0, partner: 1, ally: 2, friend: 3 };

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

  /* ESS on the left, commons on the right, both in the middle, others below; within each
     group, rings from the core (inside) to the friends (outside). O(n): usable at any size. */
  function groupLayout(nodes) {
    var centres = { ess: [-1, 0], both: [0, 0], commons: [1, 0], other: [0, 1] };
    var buckets = {};
    nodes.forEach(function (node) {
      var key = group(node.movements) + ":" + node.circle;
      (buckets[key] = buckets[key] || []).push(node);
    });
    var spread = 60 * Math.sqrt(nodes.length + 1);
    var positions = {};
    Object.keys(buckets).forEach(function (key) {
      var parts = key.split(":");
      var centre = centres[parts[0]];
      var members = buckets[key];
      var radius = (RING[parts[1]] + 0.6) * spread / 5;
      members.forEach(function (node, index) {
        var angle = (2 * Math.PI * index) / members.length + RING[parts[1]];
        positions[node.id] = {
          x: centre[0] * spread + radius * Math.cos(angle),
          y: centre[1] * spread + radius * Math.sin(angle)
        };
      });
    });
    return positions;
  }

  function draw(data) {
    var large = data.nodes.length > 300;
    var positions = groupLayout(data.nodes);
    var elements = data.nodes.map(function (node) {
      return {
        group: "nodes",
        data: {
          id: String(node.id), label: node.name, slug: node.slug,
          movement: group(node.movements), size: SIZE[node.circle] || 14
        },
        position: positions[node.id]
      };
    }).concat(data.edges.map(function (edge) {
      return {
        group: "edges",
        data: { id: "r" + edge.id, source: String(edge.source), target: String(edge.target),
                kind: edge.kind, strength: edge.strength }
      };
    }));
    var text = css("--color-text", "#1b1f1d");
    var cy = window.cytoscape({
      container: box,
      elements: elements,
      layout: large ? { name: "preset" }
                    : { name: "cose", animate: false, randomize: false, nodeRepulsion: 60000,
                        idealEdgeLength: 120, nodeOverlap: 30, componentSpacing: 120,
                        gravity: 0.2, numIter: 2500, fit: true, padding: 30 },
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      hideLabelsOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : "auto",
      style: [
        { selector: "node", style: {
          "width": "data(size)", "height": "data(size)", "label": "data(label)",
          "font-size": 11, "color": text, "text-valign": "bottom", "text-margin-y": 3,
          "min-zoomed-font-size": large ? 16 : 9, "border-width": large ? 0 : 1,
          "border-color": "#ffffff" } },
        { selector: "node[movement = 'ess']", style: { "background-color": "#c2410c" } },
        { selector: "node[movement = 'commons']", style: { "background-color": "#15803d" } },
        { selector: "node[movement = 'both']", style: { "background-color": "#6d28d9" } },
        { selector: "node[movement = 'other']", style: { "background-color": "#64748b" } },
        { selector: "edge", style: {
          "width": "mapData(strength, 1, 5, 0.6, 3)", "line-color": css("--color-border", "#cfd5d1"),
          "curve-style": large ? "haystack" : "bezier", "opacity": 0.8 } },
        { selector: "edge[kind = 'funds'], edge[kind = 'member_of'], edge[kind = 'carries']",
          style: { "target-arrow-shape": large ? "none" : "triangle",
                   "target-arrow-color": css("--color-border", "#cfd5d1") } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": css("--color-focus", "#b45309") } }
      ]
    });
    cy.on("tap", "node", function (event) {
      window.location.href = box.dataset.actorUrl.replace("SLUG", event.target.data("slug"));
    });
    window.remixMap = cy;
    box.dataset.ready = "true";
  }

  fetch(box.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(draw);
})();
