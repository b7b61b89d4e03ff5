"""OWSLib (Debian python3-owslib, 0.27) as a real client of LandMap's OGC API - Features.

Run by OwsLibTests with /usr/bin/python3 (Debian's Python, where the package installs), as
    owslib_client.py <landing page URL> <bbox: minx,miny,maxx,maxy>
it makes OWSLib's own calls for every collection the service lists (landing page, conformance,
collections, collection, items with limit, items with bbox, one item by id, queryables, and a
CQL2 text filter, which OWSLib 0.27 passes as the filter parameter) and prints what came back as
one JSON document on stdout; the test checks it against PostGIS. Any call that fails raises:
the test sees the traceback and a non-zero exit.
"""
import json
import sys

from owslib.ogcapi.features import Features


def main(url, bbox):
    api = Features(url)  # GET the landing page
    report = {
        "landing_rels": sorted({link["rel"] for link in api.links}),
        "conformance": api.conformance()["conformsTo"],
        "collections": {},
    }
    for collection_id in api.feature_collections():  # GET /collections, itemType "feature"
        collection = api.collection(collection_id)
        first = api.collection_items(collection_id, limit=5)
        every = api.collection_items(collection_id, limit=10000)
        boxed = api.collection_items(collection_id, bbox=bbox, limit=10000)
        some_id = first["features"][0]["id"]
        item = api.collection_item(collection_id, some_id)
        queryables = api.collection_queryables(collection_id)
        code = item["properties"]["code"]
        filtered = api.collection_items(collection_id, filter=f"code = '{code}'", limit=10000)
        report["collections"][collection_id] = {
            "id": collection["id"],
            "first_ids": [f["id"] for f in first["features"]],
            "number_returned": first.get("numberReturned"),
            "all_ids": [f["id"] for f in every["features"]],
            "bbox_ids": [f["id"] for f in boxed["features"]],
            "item_id": item["id"],
            "item_code": code,
            "queryables": sorted(queryables["properties"].keys()),
            "filter_ids": [f["id"] for f in filtered["features"]],
        }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], [float(v) for v in sys.argv[2].split(",")])
