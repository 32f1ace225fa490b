#!/usr/bin/env python3
"""Convert the Zibo TopoJSON (shared/geo/370300.json) into GeoJSON files for the map.

Standard library only. Decodes quantised, delta-encoded TopoJSON arcs (transform.scale /
transform.translate), stitches rings from arc indices (a negative index ~i means arc i reversed),
and writes:

  src/GreenFreight.Server/Data/Geo/linzi-370305.geojson  - 临淄区 only (one Feature)
  src/GreenFreight.Server/Data/Geo/zibo-370300.geojson   - every district/county of 淄博市

Each output ring is closed, exterior rings are counter-clockwise and holes clockwise
(RFC 7946 right-hand rule), coordinates are rounded to 6 decimals. The script checks each
ring for self-intersection and prints a short report (rings, points, bounds, centroid, area).

Position correction: decoded as-is, the shared file sits about +0.13 deg east and +0.13 deg north
of where the districts really are (the city hall of Zibo, in 张店区, would fall in 淄川区, and four of
the eight county seats land in the wrong district). Its shape and size are right (the extent of
the city is 0.97 x 1.36 deg, as published), so by default every coordinate is shifted by
--offset -0.13 -0.13. After the shift every reference seat below falls in its own district.
The shift is an estimate good to about +-0.02 deg (~2 km); pass --offset 0 0 for the raw data.

Usage (from the repository root):
  python3 tools/geo/topojson2geojson.py [--input ../shared/geo/370300.json] [--out-dir src/GreenFreight.Server/Data/Geo]
"""

import argparse
import json
import math
import os
import sys

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_INPUT = os.path.join(REPO_ROOT, "..", "shared", "geo", "370300.json")
DEFAULT_OUT = os.path.join(REPO_ROOT, "src", "GreenFreight.Server", "Data", "Geo")

LINZI_CODE = "370305"
ZIBO_CODE = "370300"
SOURCE = ("bh1xuw/mca-administrative 370300.json (Ministry of Civil Affairs administrative-division "
          "outlines, 民政部全国行政区划信息); converted by tools/geo/topojson2geojson.py")
SOURCE_SHIFTED = SOURCE + ", position shifted by %+.2f/%+.2f deg (lon/lat), see Data/Geo/README.md"
PRECISION = 6
DEFAULT_OFFSET = (-0.13, -0.13)

# Approximate positions (lon, lat, +-0.02 deg) of the government seats, used only as a check
# that each one falls inside its own district after conversion.
REFERENCE_SEATS = [
    ("370303", "张店区 (淄博市人民政府)", 118.054, 36.813),
    ("370305", "临淄区", 118.309, 36.827),
    ("370306", "周村区", 117.870, 36.803),
    ("370304", "博山区", 117.862, 36.495),
    ("370302", "淄川区", 117.967, 36.644),
    ("370321", "桓台县", 118.098, 36.960),
    ("370322", "高青县", 117.826, 37.172),
    ("370323", "沂源县", 118.171, 36.185),
]


def decode_arcs(topology, offset=(0.0, 0.0)):
    """Return the arcs as lists of (lon, lat) floats, undoing delta encoding and quantisation,
    then adding offset (dlon, dlat) in degrees."""
    transform = topology.get("transform")
    dlon, dlat = offset
    arcs = []
    for arc in topology["arcs"]:
        points = []
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            x = y = 0
            for position in arc:
                x += position[0]
                y += position[1]
                points.append((x * sx + tx + dlon, y * sy + ty + dlat))
        else:
            points = [(p[0] + dlon, p[1] + dlat) for p in arc]
        arcs.append(points)
    return arcs


def stitch_ring(arc_indices, arcs):
    """Concatenate arcs into a ring; index ~i (negative) means arc i reversed."""
    ring = []
    for index in arc_indices:
        if index >= 0:
            points = arcs[index]
        else:
            points = list(reversed(arcs[~index]))
        if ring and points:
            # consecutive arcs share their joining point: drop the duplicate
            points = points[1:]
        ring.extend(points)
    return ring


def rounded_ring(ring):
    out = []
    for lon, lat in ring:
        point = (round(lon, PRECISION), round(lat, PRECISION))
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def signed_area(ring):
    """Shoelace area in degree^2; positive = counter-clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def ring_centroid(ring):
    area = signed_area(ring)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6.0 * area), cy / (6.0 * area), area


def _orient(a, b, c):
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return 0 if value == 0 else (1 if value > 0 else -1)


def _on_segment(a, b, p):
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _segments_intersect(p1, p2, p3, p4):
    o1, o2 = _orient(p1, p2, p3), _orient(p1, p2, p4)
    o3, o4 = _orient(p3, p4, p1), _orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    if o1 == 0 and _on_segment(p1, p2, p3):
        return True
    if o2 == 0 and _on_segment(p1, p2, p4):
        return True
    if o3 == 0 and _on_segment(p3, p4, p1):
        return True
    if o4 == 0 and _on_segment(p3, p4, p2):
        return True
    return False


def self_intersections(ring):
    """Pairs of non-adjacent segments of a closed ring that touch or cross (O(n^2), fine here)."""
    segments = list(zip(ring, ring[1:]))
    count = len(segments)
    boxes = [(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])) for a, b in segments]
    problems = []
    for i in range(count):
        bi = boxes[i]
        for j in range(i + 1, count):
            if j == i + 1 or (i == 0 and j == count - 1):
                continue  # adjacent segments share an endpoint by construction
            bj = boxes[j]
            if bj[0] > bi[2] or bj[2] < bi[0] or bj[1] > bi[3] or bj[3] < bi[1]:
                continue
            if _segments_intersect(segments[i][0], segments[i][1], segments[j][0], segments[j][1]):
                problems.append((i, j))
    return problems


def geometry_to_geojson(geometry, arcs):
    """Return (geojson geometry, list of ring reports) for a TopoJSON Polygon/MultiPolygon."""
    kind = geometry["type"]
    if kind == "Polygon":
        polygons = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        raise ValueError("unsupported geometry type %s" % kind)

    out_polygons = []
    reports = []
    for part_index, polygon in enumerate(polygons):
        out_rings = []
        for ring_index, arc_indices in enumerate(polygon):
            ring = rounded_ring(stitch_ring(arc_indices, arcs))
            area = signed_area(ring)
            source_orientation = "counter-clockwise" if area > 0 else "clockwise"
            want_ccw = ring_index == 0  # exterior CCW, holes CW (RFC 7946 section 3.1.6)
            if (area > 0) != want_ccw:
                ring = list(reversed(ring))
            reports.append({
                "part": part_index,
                "ring": ring_index,
                "role": "exterior" if ring_index == 0 else "hole",
                "points": len(ring),
                "closed": ring[0] == ring[-1],
                "source_orientation": source_orientation,
                "output_orientation": "counter-clockwise" if signed_area(ring) > 0 else "clockwise",
                "self_intersections": len(self_intersections(ring)),
            })
            out_rings.append([[lon, lat] for lon, lat in ring])
        out_polygons.append(out_rings)

    if len(out_polygons) == 1:
        return {"type": "Polygon", "coordinates": out_polygons[0]}, reports
    return {"type": "MultiPolygon", "coordinates": out_polygons}, reports


def geometry_facts(geojson_geometry):
    polygons = ([geojson_geometry["coordinates"]] if geojson_geometry["type"] == "Polygon"
                else geojson_geometry["coordinates"])
    xs, ys = [], []
    total_area = 0.0
    cx_sum = cy_sum = 0.0
    for polygon in polygons:
        for ring in polygon:
            ring_t = [tuple(p) for p in ring]
            xs.extend(p[0] for p in ring_t)
            ys.extend(p[1] for p in ring_t)
            cx, cy, area = ring_centroid(ring_t)
            total_area += area  # holes are clockwise, so they subtract
            cx_sum += cx * area
            cy_sum += cy * area
    centroid = (cx_sum / total_area, cy_sum / total_area)
    mean_lat = math.radians(centroid[1])
    km2 = total_area * (111.32 ** 2) * math.cos(mean_lat)  # rough equirectangular estimate
    return {
        "bounds": [min(xs), min(ys), max(xs), max(ys)],
        "centroid": [round(centroid[0], 6), round(centroid[1], 6)],
        "approx_area_km2": round(km2, 1),
    }


def point_in_ring(lon, lat, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def point_in_geometry(lon, lat, geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        if point_in_ring(lon, lat, polygon[0]) and not any(point_in_ring(lon, lat, h) for h in polygon[1:]):
            return True
    return False


def write_geojson(path, features):
    collection = {"type": "FeatureCollection", "features": features}
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(collection, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", default=DEFAULT_INPUT, help="TopoJSON file (default: ../shared/geo/370300.json)")
    parser.add_argument("--out-dir", default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--offset", nargs=2, type=float, metavar=("DLON", "DLAT"), default=DEFAULT_OFFSET,
                        help="degrees added to every coordinate (default: %s %s; 0 0 = raw)" % DEFAULT_OFFSET)
    args = parser.parse_args(argv)
    offset = (args.offset[0], args.offset[1])

    with open(args.input, encoding="utf-8") as handle:
        topology = json.load(handle)
    if topology.get("type") != "Topology":
        raise SystemExit("%s is not a TopoJSON Topology" % args.input)
    arcs = decode_arcs(topology, offset)
    print("offset applied: dlon=%+.4f dlat=%+.4f" % offset)

    linzi = None
    zibo_features = []
    failures = []
    for object_name, collection in topology["objects"].items():
        for geometry in collection.get("geometries", []):
            properties = geometry.get("properties") or {}
            code = str(properties.get("QUHUADAIMA", ""))
            name = properties.get("NAME", "")
            # district/county codes of Zibo are 3703xx; 370300 itself is the whole city outline,
            # other codes are neighbouring prefectures or the map frame ("fanwei")
            if not (code.isdigit() and code.startswith("3703") and code != ZIBO_CODE):
                continue
            geo, reports = geometry_to_geojson(geometry, arcs)
            facts = geometry_facts(geo)
            for report in reports:
                if not report["closed"] or report["self_intersections"]:
                    failures.append((code, name, report))
            feature = {
                "type": "Feature",
                "id": code,
                "properties": {"name": name, "code": code,
                               "source": SOURCE_SHIFTED % offset if offset != (0.0, 0.0) else SOURCE},
                "geometry": geo,
            }
            zibo_features.append(feature)
            parts = 1 if geo["type"] == "Polygon" else len(geo["coordinates"])
            print("%s %s: %s, parts=%d, rings=%d, bounds=%s, centroid=%s, ~%s km2" % (
                code, name, geo["type"], parts, len(reports),
                [round(v, 4) for v in facts["bounds"]], facts["centroid"], facts["approx_area_km2"]))
            for report in reports:
                print("    ring %(part)d.%(ring)d %(role)s: %(points)d points, closed=%(closed)s, "
                      "source %(source_orientation)s -> %(output_orientation)s, "
                      "self-intersections=%(self_intersections)d" % report)
            if code == LINZI_CODE:
                linzi = feature

    if linzi is None:
        raise SystemExit("临淄区 (%s) not found in %s" % (LINZI_CODE, args.input))
    if failures:
        for code, name, report in failures:
            print("INVALID ring in %s %s: %s" % (code, name, report), file=sys.stderr)
        raise SystemExit(1)

    seats_ok = 0
    for code, label, lon, lat in REFERENCE_SEATS:
        found = [f["properties"]["name"] for f in zibo_features if point_in_geometry(lon, lat, f["geometry"])]
        good = any(f["properties"]["code"] == code and point_in_geometry(lon, lat, f["geometry"])
                   for f in zibo_features)
        seats_ok += good
        print("seat check %s (%.3f, %.3f): in %s%s" % (label, lon, lat, found[0] if found else "none",
                                                       "" if good else "  <-- WRONG"))
    print("seat check: %d/%d seats inside their own district" % (seats_ok, len(REFERENCE_SEATS)))

    zibo_features.sort(key=lambda feature: feature["properties"]["code"])
    os.makedirs(args.out_dir, exist_ok=True)
    linzi_path = os.path.join(args.out_dir, "linzi-370305.geojson")
    zibo_path = os.path.join(args.out_dir, "zibo-370300.geojson")
    write_geojson(linzi_path, [linzi])
    write_geojson(zibo_path, zibo_features)
    print("wrote %s (1 feature)" % os.path.relpath(linzi_path))
    print("wrote %s (%d features)" % (os.path.relpath(zibo_path), len(zibo_features)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
