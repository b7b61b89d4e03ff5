"""QGIS (Debian python3-qgis + qgis-providers, 3.22) as a real client of LandMap, headless.

Run by QgisTests with /usr/bin/python3 as
    qgis_client.py <service base URL> <collection> [<collection> ...]
it opens each collection through QGIS's OAPIF provider (the "WFS / OGC API - Features" source a
user adds), reads its feature count and field types, then opens the parcels' vector tiles as an
XYZ vector tile layer and renders the middle of the zone off screen, counting the pixels the
tiles painted. Prints one JSON document on stdout.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display: Qt's offscreen platform

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform,  # noqa: E402
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle,
                       QgsVectorLayer, QgsVectorTileLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

# The middle of the sample data (CRS84), about 4 km by 4 km.
MIDDLE = QgsRectangle(120.80, 27.83, 120.84, 27.87)
SIZE = 256


def collection_report(base, collection_id):
    layer = QgsVectorLayer(f"url={base}/ogc typename={collection_id}", collection_id, "OAPIF")
    return {
        "valid": layer.isValid(),
        "feature_count": layer.featureCount(),
        "fields": {field.name(): field.typeName() for field in layer.fields()},
    }


def tiles_report(base):
    template = f"{base}/ogc/collections/parcels/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}"
    layer = QgsVectorTileLayer(f"type=xyz&url={template}&zmin=0&zmax=16", "parcels tiles")
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    to_mercator = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), mercator, QgsProject.instance())
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(mercator)
    settings.setExtent(to_mercator.transformBoundingBox(MIDDLE))
    settings.setOutputSize(QSize(SIZE, SIZE))
    white = QColor(255, 255, 255)
    settings.setBackgroundColor(white)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    painted = sum(1 for x in range(SIZE) for y in range(SIZE) if QColor(image.pixel(x, y)).rgb() != white.rgb())
    return {
        "valid": layer.isValid(),
        "painted": painted,
        "pixels": SIZE * SIZE,
        "errors": [error.message for error in job.errors()],
    }


def main(base, collection_ids):
    app = QgsApplication([], False)
    app.initQgis()
    try:
        report = {
            "collections": {c: collection_report(base, c) for c in collection_ids},
            "tiles": tiles_report(base),
        }
    finally:
        app.exitQgis()
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
