/*
 * gf.js: map and chart helpers for GreenFreight (Blazor interactive server, JS interop).
 *
 * Plain browser script: no bundler, no modules. Load it after the libraries:
 *   <script src="lib/leaflet/leaflet.js"></script>
 *   <script src="lib/echarts/echarts.min.js"></script>
 *   <script src="js/gf.js"></script>
 * and link lib/leaflet/leaflet.css and css/app.css.
 *
 * Called from C# as e.g.  await JS.InvokeVoidAsync("gf.map.init", "map1", new { outlineUrl = "..." });
 * Every public function catches its own errors and logs them: nothing is thrown back into Blazor.
 * A missing element only logs a console warning.
 *
 *   gf.map.init(elementId, { outlineUrl | outline, contextUrl | context, height, center, zoom }) -> Promise
 *   gf.map.setLayers(elementId, [ { key, title, color, icon, visible,
 *                                   features: [ { id, name, lon, lat, polygon, popupHtml } ] } ])
 *   gf.map.toggleLayer(elementId, key, visible)
 *   gf.map.markerCount(elementId, key) -> number of markers in the layer (visible or not)
 *   gf.map.dispose(elementId)
 *   gf.map.onClick(elementId, dotnetRef, method)   calls dotnetRef.invokeMethodAsync(method, lon, lat) on each map click
 *     (a feature may carry its own `color` and `className`, added to the marker's `gf-marker gf-marker-<key>` classes)
 *   gf.map.setTrack(elementId, { points: [[lat, lon], ...], events: [ { lat, lon, label, kind } ], color }) -> number of points
 *   gf.map.setCursor(elementId, index)  index may be fractional: the cursor is interpolated between two points
 *   gf.map.clearTrack(elementId)
 *   gf.charts.gauge(elementId, { title, value, unit, target, comparison, min, max, met })
 *   gf.charts.line(elementId, { title, categories, series: [ { name, data } ], unit, target })
 *   gf.charts.bar(elementId, { same as line })
 *   gf.charts.dispose(elementId)
 */
(function (window, document) {
  'use strict';

  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  var COLORS = {
    primary: '#0b7a53',
    ok: '#12915f',
    bad: '#d9480f',
    muted: '#9aa5b1',
    text: '#1f2933',
    subtext: '#616e7c',
    axis: '#cbd2d9',
    okZone: '#d3ede1',
    badZone: '#f9dccf',
    neutralZone: '#e4e7eb'
  };
  var PALETTE = ['#0b7a53', '#2f6fd6', '#e8890c', '#8e44ad', '#d9480f', '#1496b8', '#6b8e23', '#c2185b'];
  var LINZI_CENTER = [36.85, 118.28]; // [lat, lon], used until the outline has loaded

  var gf = window.gf = window.gf || {};
  gf.version = '1.0.0';

  // ---------------------------------------------------------------- helpers

  function warn(message) {
    if (window.console && console.warn) { console.warn('[gf] ' + message); }
  }

  function logError(where, error) {
    if (window.console && console.error) { console.error('[gf] ' + where + ' failed:', error); }
  }

  function findElement(where, elementId) {
    var element = typeof elementId === 'string' ? document.getElementById(elementId) : null;
    if (!element) { warn(where + ': element #' + elementId + ' not found'); }
    return element;
  }

  // Wraps a public function: errors are logged, never thrown; returned promises never reject.
  function guard(where, fn) {
    return function () {
      try {
        var result = fn.apply(null, arguments);
        if (result && typeof result.then === 'function') {
          return result.then(null, function (error) { logError(where, error); });
        }
        return result;
      } catch (error) {
        logError(where, error);
        return undefined;
      }
    };
  }

  function escapeHtml(text) {
    return String(text == null ? '' : text)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function cssToken(text) {
    return String(text == null ? '' : text).replace(/[^A-Za-z0-9_-]/g, '-');
  }

  function isNumber(value) {
    return typeof value === 'number' && isFinite(value);
  }

  function formatNumber(value) {
    if (!isNumber(value)) { return '—'; }
    var abs = Math.abs(value);
    var digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
    return String(Number(value.toFixed(digits)));
  }

  function niceCeil(value) {
    if (!(value > 0)) { return 1; }
    var exponent = Math.pow(10, Math.floor(Math.log(value) / Math.LN10));
    var fraction = value / exponent;
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) {
      if (fraction <= steps[i] + 1e-9) { return steps[i] * exponent; }
    }
    return 10 * exponent;
  }

  function setHeight(element, height) {
    if (isNumber(height)) { element.style.height = height + 'px'; }
    else if (typeof height === 'string' && height) { element.style.height = height; }
  }

  function loadJson(url, inline) {
    if (inline && typeof inline === 'object') { return Promise.resolve(inline); }
    if (!url) { return Promise.resolve(null); }
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status + ' for ' + url); }
      return response.json();
    }).then(null, function (error) {
      warn('could not load ' + url + ': ' + (error && error.message ? error.message : error));
      return null;
    });
  }

  // ---------------------------------------------------------------- map

  var maps = {};

  function requireLeaflet(where) {
    if (typeof window.L === 'undefined') { warn(where + ': Leaflet (L) is not loaded'); return false; }
    return true;
  }

  function disposeMap(elementId) {
    var entry = maps[elementId];
    if (!entry) { return; }
    delete maps[elementId];
    entry.disposed = true;
    if (entry.observer) { entry.observer.disconnect(); }
    try { entry.map.remove(); } catch (error) { /* container already gone */ }
    var element = entry.element;
    if (element) {
      // Leaflet leaves its container classes behind; drop them so the element is clean again.
      Array.prototype.slice.call(element.classList).forEach(function (name) {
        if (name.indexOf('leaflet-') === 0) { element.classList.remove(name); }
      });
      element.classList.remove('gf-map-ready');
      if (!entry.hadMapClass) { element.classList.remove('gf-map'); }
    }
  }

  function initMap(elementId, options) {
    options = options || {};
    if (!requireLeaflet('gf.map.init')) { return Promise.resolve(); }
    var element = findElement('gf.map.init', elementId);
    if (!element) { return Promise.resolve(); }

    disposeMap(elementId);
    if (element._leaflet_id) { element._leaflet_id = null; } // left over from a map we do not know

    var hadMapClass = element.classList.contains('gf-map');
    setHeight(element, options.height);
    element.classList.add('gf-map');

    var map = L.map(element, {
      crs: L.CRS.EPSG3857,
      center: options.center || LINZI_CENTER,
      zoom: isNumber(options.zoom) ? options.zoom : 10,
      minZoom: 7,
      maxZoom: 18,
      zoomSnap: 0.25,
      attributionControl: true,
      preferCanvas: false
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('行政区划：民政部（示意，非测绘底图）');
    L.control.scale({ metric: true, imperial: false }).addTo(map);

    map.createPane('gfContext').style.zIndex = 350;
    map.createPane('gfOutline').style.zIndex = 360;
    map.getPane('gfContext').style.pointerEvents = 'none';
    map.getPane('gfOutline').style.pointerEvents = 'none';

    var entry = {
      element: element,
      hadMapClass: hadMapClass,
      map: map,
      layers: {},
      order: [],
      control: null,
      outline: null,
      context: null,
      disposed: false,
      observer: null
    };
    maps[elementId] = entry;

    if (typeof window.ResizeObserver === 'function') {
      entry.observer = new ResizeObserver(function () {
        if (!entry.disposed) { map.invalidateSize({ pan: false }); }
      });
      entry.observer.observe(element);
    }

    map.on('overlayadd overlayremove', function (event) {
      var key = event.layer && event.layer.gfKey;
      if (!key) { return; }
      element.dispatchEvent(new CustomEvent('gf:layertoggle', {
        bubbles: true,
        detail: { key: key, visible: event.type === 'overlayadd' }
      }));
    });

    var outlineKey = String(options.outlineCode || '370305');
    return Promise.all([
      loadJson(options.contextUrl, options.context),
      loadJson(options.outlineUrl, options.outline)
    ]).then(function (results) {
      if (entry.disposed) { return; } // re-initialised or disposed while loading
      var context = results[0];
      var outline = results[1];

      if (context) {
        entry.context = L.geoJSON(context, {
          pane: 'gfContext',
          interactive: false,
          filter: function (feature) {
            var code = feature && feature.properties && String(feature.properties.code);
            return !(outline && code === outlineKey);
          },
          style: function () {
            return { color: '#9aa5b1', weight: 1, opacity: 0.9, fillColor: '#dfe5e2', fillOpacity: 0.55 };
          },
          onEachFeature: function (feature, layer) {
            var name = feature.properties && feature.properties.name;
            if (name) {
              layer.bindTooltip(escapeHtml(name), {
                permanent: true, direction: 'center', className: 'gf-district-label', interactive: false
              });
            }
          }
        }).addTo(map);
      }

      if (outline) {
        entry.outline = L.geoJSON(outline, {
          pane: 'gfOutline',
          interactive: false,
          style: function () {
            return { color: COLORS.primary, weight: 3, opacity: 1, fillColor: '#3fae7f', fillOpacity: 0.08 };
          },
          onEachFeature: function (feature, layer) {
            var name = feature.properties && feature.properties.name;
            if (name) {
              layer.bindTooltip(escapeHtml(name), {
                permanent: true, direction: 'center', className: 'gf-district-label gf-district-label-main',
                interactive: false
              });
            }
          }
        }).addTo(map);
        var bounds = entry.outline.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [12, 12] });
          entry.bounds = bounds;
        }
      }
      element.classList.add('gf-map-ready');
    });
  }

  function removeDataLayers(entry) {
    for (var i = 0; i < entry.order.length; i++) {
      var info = entry.layers[entry.order[i]];
      if (info) { entry.map.removeLayer(info.group); }
    }
    if (entry.control) { entry.map.removeControl(entry.control); }
    entry.layers = {};
    entry.order = [];
    entry.control = null;
  }

  function markerIcon(key, color, icon, feature) {
    if (feature.color) { color = feature.color; }
    var text = String(icon == null || icon === '' ? '•' : icon);
    var html = '<span class="gf-marker-badge" data-testid="gf-marker-' + escapeHtml(key) + '"' +
      ' data-layer="' + escapeHtml(key) + '" data-id="' + escapeHtml(feature.id) + '"' +
      ' style="background:' + escapeHtml(color) + '">' + escapeHtml(text) + '</span>';
    return L.divIcon({
      className: 'gf-marker gf-marker-' + cssToken(key) + (feature.className ? ' ' + String(feature.className) : ''),
      html: html,
      iconSize: [26, 26],
      iconAnchor: [13, 13],
      popupAnchor: [0, -12],
      tooltipAnchor: [12, 0]
    });
  }

  function setLayers(elementId, layers) {
    var entry = maps[elementId];
    if (!entry) { warn('gf.map.setLayers: no map for #' + elementId + ' (call gf.map.init first)'); return; }
    if (!Array.isArray(layers)) { layers = []; }
    removeDataLayers(entry);

    var overlays = {};
    layers.forEach(function (layer, index) {
      if (!layer) { return; }
      var key = String(layer.key != null ? layer.key : 'layer' + index);
      var color = layer.color || PALETTE[index % PALETTE.length];
      var title = layer.title || key;
      var group = L.featureGroup();
      group.gfKey = key;
      var markers = 0;

      (layer.features || []).forEach(function (feature) {
        if (!feature) { return; }
        var popup = feature.popupHtml || ('<strong>' + escapeHtml(feature.name) + '</strong>');
        if (feature.polygon && feature.polygon.type) {
          var shape = L.geoJSON(feature.polygon, {
            style: function () {
              return {
                color: color, weight: 2, opacity: 0.9, fillColor: color, fillOpacity: 0.15,
                className: 'gf-shape gf-shape-' + cssToken(key)
              };
            }
          });
          shape.eachLayer(function (part) { part.bindPopup(popup, { maxWidth: 320 }); });
          shape.addTo(group);
        }
        if (isNumber(feature.lon) && isNumber(feature.lat)) {
          var marker = L.marker([feature.lat, feature.lon], {
            icon: markerIcon(key, color, layer.icon, feature),
            title: feature.name ? String(feature.name) : '',
            alt: feature.name ? String(feature.name) : '',
            riseOnHover: true,
            keyboard: true
          });
          marker.bindPopup(popup, { maxWidth: 320 });
          marker.gfId = feature.id;
          marker.addTo(group);
          markers++;
        }
      });

      entry.layers[key] = { group: group, title: title, color: color, markers: markers };
      entry.order.push(key);
      var label = '<span class="gf-layer-swatch" style="background:' + escapeHtml(color) + '"></span>' +
        '<span class="gf-layer-title">' + escapeHtml(title) + '</span>' +
        '<span class="gf-layer-count">' + markers + '</span>';
      overlays[label] = group;
      if (layer.visible !== false) { group.addTo(entry.map); }
    });

    if (entry.order.length > 0) {
      entry.control = L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(entry.map);
      var container = entry.control.getContainer();
      if (container) { container.classList.add('gf-layer-control'); }
    }
  }

  function onClick(elementId, dotnetRef, method) {
    var entry = maps[elementId];
    if (!entry) { warn('gf.map.onClick: no map for #' + elementId); return; }
    entry.map.on('click', function (event) {
      if (entry.disposed) { return; }
      dotnetRef.invokeMethodAsync(method, event.latlng.lng, event.latlng.lat).then(null, function (error) { logError('gf.map.onClick', error); });
    });
  }

  function toggleLayer(elementId, key, visible) {
    var entry = maps[elementId];
    if (!entry) { warn('gf.map.toggleLayer: no map for #' + elementId); return; }
    var info = entry.layers[String(key)];
    if (!info) { warn('gf.map.toggleLayer: no layer "' + key + '" on #' + elementId); return; }
    var shown = entry.map.hasLayer(info.group);
    if (visible === undefined || visible === null) { visible = !shown; }
    if (visible && !shown) { info.group.addTo(entry.map); }
    if (!visible && shown) { entry.map.removeLayer(info.group); }
  }

  function markerCount(elementId, key) {
    var entry = maps[elementId];
    if (!entry) { return 0; }
    var info = entry.layers[String(key)];
    return info ? info.markers : 0;
  }

  // ---------------------------------------------------------------- track replay

  function clearTrack(elementId) {
    var entry = maps[elementId];
    if (!entry || !entry.track) { return; }
    entry.map.removeLayer(entry.track.group);
    entry.track = null;
  }

  function setTrack(elementId, options) {
    options = options || {};
    var entry = maps[elementId];
    if (!entry) { warn('gf.map.setTrack: no map for #' + elementId); return 0; }
    clearTrack(elementId);
    var points = (Array.isArray(options.points) ? options.points : []).filter(function (p) {
      return p && isNumber(p[0]) && isNumber(p[1]);
    });
    var group = L.featureGroup();
    var color = options.color || '#2f6fd6';
    var line = null;
    if (points.length > 0) {
      L.polyline(points, { color: '#ffffff', weight: 7, opacity: 0.9, interactive: false }).addTo(group);
      line = L.polyline(points, { color: color, weight: 4, opacity: 0.95, className: 'gf-track-line' }).addTo(group);
      L.circleMarker(points[0], { radius: 6, color: '#fff', weight: 2, fillColor: COLORS.ok, fillOpacity: 1, className: 'gf-track-start' })
        .bindTooltip('起', { permanent: false }).addTo(group);
      L.circleMarker(points[points.length - 1], { radius: 6, color: '#fff', weight: 2, fillColor: COLORS.bad, fillOpacity: 1, className: 'gf-track-end' })
        .bindTooltip('终', { permanent: false }).addTo(group);
    }
    (Array.isArray(options.events) ? options.events : []).forEach(function (e, index) {
      if (!e || !isNumber(e.lat) || !isNumber(e.lon)) { return; }
      L.marker([e.lat, e.lon], {
        icon: L.divIcon({
          className: 'gf-event-marker gf-event-' + cssToken(e.kind),
          html: '<span data-index="' + index + '">!</span>', iconSize: [22, 22], iconAnchor: [11, 11]
        }),
        title: e.label ? String(e.label) : '', zIndexOffset: 500
      }).bindPopup(escapeHtml(e.label || ''), { maxWidth: 320 }).addTo(group);
    });
    var cursor = null;
    if (points.length > 0) {
      cursor = L.marker(points[0], {
        icon: L.divIcon({ className: 'gf-cursor', html: '<span class="gf-cursor-dot"></span>', iconSize: [22, 22], iconAnchor: [11, 11] }),
        interactive: false, zIndexOffset: 1000, keyboard: false
      }).addTo(group);
    }
    group.addTo(entry.map);
    entry.track = { group: group, points: points, cursor: cursor, line: line };
    if (line) {
      var bounds = line.getBounds();
      if (bounds.isValid()) { entry.map.fitBounds(bounds.pad(0.25), { maxZoom: 15 }); }
    }
    entry.element.setAttribute('data-track-points', String(points.length));
    entry.element.setAttribute('data-cursor', '0');
    return points.length;
  }

  function setCursor(elementId, index) {
    var entry = maps[elementId];
    if (!entry || !entry.track || !entry.track.cursor) { return; }
    var points = entry.track.points;
    var i = Math.max(0, Math.min(points.length - 1, isNumber(index) ? index : 0));
    var lo = Math.floor(i), hi = Math.min(points.length - 1, lo + 1), f = i - lo;
    var lat = points[lo][0] + (points[hi][0] - points[lo][0]) * f;
    var lon = points[lo][1] + (points[hi][1] - points[lo][1]) * f;
    entry.track.cursor.setLatLng([lat, lon]);
    entry.element.setAttribute('data-cursor', String(Math.round(i * 100) / 100));
    if (!entry.map.getBounds().contains([lat, lon])) { entry.map.panTo([lat, lon]); }
  }

  gf.map = {
    setTrack: guard('gf.map.setTrack', setTrack),
    setCursor: guard('gf.map.setCursor', setCursor),
    clearTrack: guard('gf.map.clearTrack', clearTrack),
    init: guard('gf.map.init', initMap),
    setLayers: guard('gf.map.setLayers', setLayers),
    toggleLayer: guard('gf.map.toggleLayer', toggleLayer),
    markerCount: guard('gf.map.markerCount', markerCount),
    onClick: guard('gf.map.onClick', onClick),
    dispose: guard('gf.map.dispose', disposeMap)
  };

  // ---------------------------------------------------------------- charts

  var charts = {};

  function requireEcharts(where) {
    if (typeof window.echarts === 'undefined') { warn(where + ': ECharts is not loaded'); return false; }
    return true;
  }

  function disposeChart(elementId) {
    var entry = charts[elementId];
    if (!entry) { return; }
    delete charts[elementId];
    if (entry.observer) { entry.observer.disconnect(); }
    try { entry.chart.dispose(); } catch (error) { /* already gone */ }
  }

  // Returns the chart for the element, creating it (or re-creating it when Blazor replaced the element).
  function chartFor(where, elementId) {
    if (!requireEcharts(where)) { return null; }
    var element = findElement(where, elementId);
    if (!element) { return null; }
    var entry = charts[elementId];
    if (entry && entry.element !== element) { disposeChart(elementId); entry = null; }
    if (!entry) {
      var existing = window.echarts.getInstanceByDom(element);
      if (existing) { existing.dispose(); }
      var chart = window.echarts.init(element, null, { renderer: 'svg', locale: 'ZH' });
      entry = { element: element, chart: chart, observer: null };
      if (typeof window.ResizeObserver === 'function') {
        entry.observer = new ResizeObserver(function () { scheduleResize(entry); });
        entry.observer.observe(element);
      }
      charts[elementId] = entry;
    }
    return entry.chart;
  }

  function scheduleResize(entry) {
    if (entry.pending) { return; }
    entry.pending = true;
    window.requestAnimationFrame(function () {
      entry.pending = false;
      if (!entry.chart.isDisposed()) { entry.chart.resize(); }
    });
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (id) { scheduleResize(charts[id]); });
  });

  function comparisonSymbol(comparison) {
    switch (comparison) {
      case '>=': return '≥';
      case '>': return '>';
      case '<=': return '≤';
      case '<': return '<';
      case '=': case '==': return '=';
      default: return comparison ? String(comparison) : '≥';
    }
  }

  function lowerIsBetter(comparison) {
    return comparison === '<' || comparison === '<=';
  }

  function compare(value, comparison, target) {
    switch (comparison) {
      case '>': return value > target;
      case '<=': return value <= target;
      case '<': return value < target;
      case '=': case '==': return value === target;
      default: return value >= target;
    }
  }

  function baseOption(title) {
    var option = {
      textStyle: { fontFamily: FONT, color: COLORS.text },
      animationDuration: 500
    };
    if (title) {
      option.title = {
        text: String(title),
        left: 'center',
        top: 4,
        textStyle: { fontFamily: FONT, fontSize: 14, fontWeight: 600, color: COLORS.text }
      };
    }
    return option;
  }

  function gauge(elementId, options) {
    options = options || {};
    var chart = chartFor('gf.charts.gauge', elementId);
    if (!chart) { return; }

    var unit = options.unit ? String(options.unit) : '';
    var value = isNumber(options.value) ? options.value : null;
    var target = isNumber(options.target) ? options.target : null;
    var comparison = options.comparison || '>=';
    var lower = lowerIsBetter(comparison);

    var met = options.met;
    if (value === null) { met = null; }
    else if (met !== true && met !== false && target !== null) { met = compare(value, comparison, target); }
    else if (met !== true && met !== false) { met = null; }

    var min = isNumber(options.min) ? options.min : 0;
    var max = isNumber(options.max) ? options.max : null;
    if (max === null || max <= min) {
      max = niceCeil(Math.max(target !== null ? target * 1.5 : 0, value !== null ? value * 1.15 : 0, min + 1));
    }
    var shown = value === null ? min : Math.min(Math.max(value, min), max);
    var state = met === true ? 'ok' : met === false ? 'bad' : 'none';
    var stateColor = state === 'ok' ? COLORS.ok : state === 'bad' ? COLORS.bad : COLORS.muted;

    // Axis band: tinted "good" and "bad" zones around the target.
    var bands;
    if (value !== null && target !== null && target > min && target < max) {
      var at = (target - min) / (max - min);
      bands = lower
        ? [[at, COLORS.okZone], [1, COLORS.badZone]]
        : [[at, COLORS.badZone], [1, COLORS.okZone]];
    } else {
      bands = [[1, COLORS.neutralZone]];
    }

    var targetLabel = target === null ? '' : '目标 ' + comparisonSymbol(comparison) + ' ' + formatNumber(target) + unit;
    var valueText = value === null ? '暂无数据' : formatNumber(value);
    var stateText = state === 'ok' ? '达标' : state === 'bad' ? '未达标' : '';

    var common = {
      type: 'gauge',
      min: min,
      max: max,
      startAngle: 210,
      endAngle: -30,
      center: ['50%', options.title ? '60%' : '55%'],
      radius: options.title ? '80%' : '88%'
    };

    var series = [Object.assign({}, common, {
      name: options.title || '',
      splitNumber: 4,
      axisLine: { lineStyle: { width: 12, color: bands } },
      progress: { show: value !== null, width: 12, itemStyle: { color: stateColor } },
      pointer: { show: false },
      anchor: { show: false },
      axisTick: { show: false },
      splitLine: { show: true, distance: -12, length: 12, lineStyle: { color: '#fff', width: 2 } },
      axisLabel: {
        show: true, distance: 16, fontSize: 10, color: '#7b8794', fontFamily: FONT,
        formatter: function (v) { return (v === min || v === max) ? formatNumber(v) : ''; }
      },
      title: {
        show: !!targetLabel, offsetCenter: [0, '58%'], fontSize: 12, color: COLORS.subtext, fontFamily: FONT
      },
      detail: {
        show: true,
        valueAnimation: false,
        offsetCenter: [0, '8%'],
        fontFamily: FONT,
        formatter: function () {
          var text = '{value|' + valueText + '}';
          if (value !== null && unit) { text += '{unit| ' + unit + '}'; }
          if (stateText) { text += '\n{state|' + stateText + '}'; }
          return text;
        },
        rich: {
          value: { fontSize: value === null ? 15 : 24, fontWeight: 700, color: value === null ? COLORS.muted : stateColor, fontFamily: FONT },
          unit: { fontSize: 12, color: COLORS.subtext, fontFamily: FONT, padding: [6, 0, 0, 0] },
          state: { fontSize: 11, color: stateColor, fontFamily: FONT, padding: [4, 0, 0, 0] }
        }
      },
      data: [{ value: shown, name: targetLabel }]
    })];

    if (target !== null && target >= min && target <= max) {
      // Second gauge that only draws a short dark tick at the target value.
      series.push(Object.assign({}, common, {
        name: 'target',
        silent: true,
        axisLine: { show: false },
        progress: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: { show: false },
        pointer: {
          show: true, icon: 'rect', length: '16%', width: 3, offsetCenter: [0, '-84%'],
          itemStyle: { color: COLORS.text }
        },
        data: [{ value: target }]
      }));
    }

    var option = baseOption(options.title);
    option.tooltip = { show: false };
    option.series = series;
    chart.setOption(option, true);
    var element = document.getElementById(elementId);
    if (element) {
      element.setAttribute('data-gf-state', state);
      element.setAttribute('aria-label', (options.title || '') + ' ' + valueText + unit + ' ' + targetLabel + ' ' + stateText);
    }
  }

  function cleanData(data, length) {
    var out = [];
    for (var i = 0; i < length; i++) {
      var v = data && i < data.length ? data[i] : null;
      out.push(isNumber(v) ? v : '-');
    }
    return out;
  }

  function cartesian(kind, elementId, options) {
    options = options || {};
    var where = 'gf.charts.' + kind;
    var chart = chartFor(where, elementId);
    if (!chart) { return; }

    var categories = Array.isArray(options.categories) ? options.categories.map(String) : [];
    var unit = options.unit ? String(options.unit) : '';
    var target = isNumber(options.target) ? options.target : null;
    var input = Array.isArray(options.series) ? options.series : [];
    var many = input.length > 1;

    var dataMax = 0;
    var series = input.map(function (s, index) {
      var data = cleanData(s && s.data, categories.length);
      data.forEach(function (v) { if (isNumber(v) && v > dataMax) { dataMax = v; } });
      var item = {
        type: kind,
        name: (s && s.name) || ('系列' + (index + 1)),
        data: data,
        itemStyle: { color: (s && s.color) || PALETTE[index % PALETTE.length] }
      };
      if (kind === 'line') {
        item.symbol = 'circle';
        item.symbolSize = 6;
        item.connectNulls = false;
        item.lineStyle = { width: 2 };
        if (!many) { item.areaStyle = { opacity: 0.08 }; }
      } else {
        item.barMaxWidth = 28;
        item.itemStyle.borderRadius = [3, 3, 0, 0];
      }
      return item;
    });

    if (target !== null && series.length > 0) {
      series[0].markLine = {
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: COLORS.bad, width: 1.5 },
        label: {
          position: 'insideEndTop', color: COLORS.bad, fontFamily: FONT, fontSize: 11,
          formatter: '目标 ' + formatNumber(target) + unit
        },
        data: [{ yAxis: target }]
      };
    }

    var option = baseOption(options.title);
    var top = options.title ? 36 : 12;
    if (many) {
      option.legend = { top: options.title ? 28 : 4, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { fontFamily: FONT } };
      top += 26;
    }
    option.color = PALETTE;
    option.grid = { left: 8, right: kind === 'line' ? 30 : 16, top: top + (unit ? 14 : 0), bottom: 8, containLabel: true };
    option.tooltip = {
      trigger: 'axis',
      axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' },
      textStyle: { fontFamily: FONT },
      valueFormatter: function (v) { return isNumber(v) ? formatNumber(v) + unit : '—'; }
    };
    option.xAxis = {
      type: 'category',
      data: categories,
      boundaryGap: kind === 'bar',
      axisLine: { lineStyle: { color: COLORS.axis } },
      axisTick: { alignWithLabel: true },
      axisLabel: { color: COLORS.subtext, fontFamily: FONT, hideOverlap: true }
    };
    option.yAxis = {
      type: 'value',
      name: unit,
      nameTextStyle: { color: COLORS.subtext, fontFamily: FONT, align: 'left' },
      splitLine: { lineStyle: { color: '#eef1f4' } },
      axisLabel: { color: COLORS.subtext, fontFamily: FONT }
    };
    if (target !== null && target > dataMax) { option.yAxis.max = niceCeil(target * 1.15); }
    option.series = series;
    if (categories.length === 0 || series.length === 0) {
      option.graphic = [{
        type: 'text', left: 'center', top: 'middle',
        style: { text: '暂无数据', fill: COLORS.muted, fontSize: 14, fontFamily: FONT }
      }];
    }
    chart.setOption(option, true);
  }

  // Per-vehicle timeline (planning): rows = vehicles, bars = driving / service spans in minutes of the day.
  function timeline(elementId, options) {
    options = options || {};
    var chart = chartFor('gf.charts.timeline', elementId);
    if (!chart) { return; }
    var rows = Array.isArray(options.rows) ? options.rows.map(String) : [];
    var items = Array.isArray(options.items) ? options.items : [];
    var colors = { drive: COLORS.muted, service: COLORS.primary, wait: COLORS.axis };
    function hm(m) { m = Math.round(m); return ('0' + Math.floor(m / 60)).slice(-2) + ':' + ('0' + (m % 60)).slice(-2); }
    chart.setOption({
      textStyle: { fontFamily: FONT },
      grid: { left: 120, right: 20, top: 20, bottom: 30 },
      tooltip: { formatter: function (p) { return escapeHtml(p.value[4]) + '<br>' + hm(p.value[1]) + '–' + hm(p.value[2]); } },
      xAxis: { type: 'value', min: options.min || 360, max: options.max || 1200, axisLabel: { formatter: hm } },
      yAxis: { type: 'category', data: rows, inverse: true },
      series: [{
        type: 'custom',
        renderItem: function (params, api) {
          var start = api.coord([api.value(1), api.value(0)]);
          var end = api.coord([api.value(2), api.value(0)]);
          var h = api.size([0, 1])[1] * 0.5;
          return { type: 'rect', shape: { x: start[0], y: start[1] - h / 2, width: Math.max(1, end[0] - start[0]), height: h },
            style: { fill: colors[api.value(3)] || COLORS.primary } };
        },
        encode: { x: [1, 2], y: 0 },
        data: items.map(function (it) { return [it.row, it.start, it.end, it.kind, it.name || '']; })
      }]
    }, true);
  }

  gf.charts = {
    timeline: guard('gf.charts.timeline', timeline),
    gauge: guard('gf.charts.gauge', gauge),
    line: guard('gf.charts.line', function (id, options) { cartesian('line', id, options); }),
    bar: guard('gf.charts.bar', function (id, options) { cartesian('bar', id, options); }),
    dispose: guard('gf.charts.dispose', disposeChart),
    fontFamily: FONT
  };
})(window, document);
