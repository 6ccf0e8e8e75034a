"""Import spatial layers from GeoJSON, GeoPackage, Shapefile or CSV (read with pyogrio).

One module per phase or layer: options (layers, options, result), source (reading, geometry),
common (context, checks, the stage → check → upsert helper), areas, cells, units, components,
addresses, frontage, and run (`import_layer`, the entry point).

Field names per layer (case-insensitive; Shapefile's 10-byte truncations such as `house_numb`
are accepted; Chinese aliases such as 编码/网格编码/名称/管理等级 come from app.grid.fields, and
`ImportOptions.field_map` names a file's field for a target field; fields not listed are ignored).
The file's layer is chosen by name (app.grid.fields.choose_layer) unless `source_layer` is given.
Problems name the feature by its fid as GDAL reads it (app.grid.problems):

- district:  code (6 digits), name
- street:    code (9 digits, starts with its district), name; district_code optional (checked)
- community: code (12 digits), name; street_code optional (checked, else derived from the code)
- cell:      code (15 digits, starts with its community code), mgmt_class (normal|key, also
             一般/重点; default normal). community/street/district codes come from the code; the
             area is computed in PostGIS (geodesic m²; a 面积/area field is only compared). An
             import replaces the current cells of the communities in the file (`replace`:
             or of their streets, or districts — leaving communities without cells needs
             `confirm`): they close at valid_from of the new rows, so a future generation takes
             effect at its date; old rows stay for old cases. Overlaps and cells outside their
             community refuse the import unless allowed; gaps are warnings (app.grid.io.topology).
             Row problems do not stop the topology check: everything is reported in one pass.
- unit-rule: unit_code, unit_name, unit_kind, parent_unit_code, contact_phone, role
             (territorial|specialist|fallback or 属地/专业/兜底; empty: the row only creates or
             updates the unit), category (all | major:09 | event:09006 | component:01003 | 01003,
             optionally event:all / event:major:09), area_scope (district|street|community|cells|
             polygon; inferred when empty), area_code, cell_codes (separated by , or ;), priority,
             note, district_code (optional), geometry for polygon scope (CSV: a WKT column named
             geometry or WKT). Units are upserted by code, rules inserted (identical rules are
             skipped); a fallback rule at district scope also sets the district's fallback unit
             and replaces the district-wide fallback rules of other units.
- component: id (17 digits), category_code (5 digits, default id[6:11]), name, supervising_dept,
             owner and maintainer (a unit code or name), state (intact|damaged|lost|abandoned|
             removed or 完好/破损/丢失/废弃/移除); grid_code is the current cell covering the point.
- address:   full_text (or address), road, house_number, poi, code; district and street come from
             the street covering the point; norm_text from app.grid.geocode.normalize.
- frontage:  holder_name, holder_contact, holder_phone, address (polygon geometry).

Coordinates: a projected CRS declared by the file (e.g. CGCS2000 Gauss-Krüger EPSG:4527–4554) or a
geographic CRS other than WGS-84/CGCS2000 is transformed to EPSG:4326 with pyproj; a file in
EPSG:4326/4490 or without a CRS is taken in `coord_sys` (default wgs84), and gcj02/bd09 vertices
are converted with app.grid.coords.

Everything happens inside one savepoint of the caller's transaction: file problems are collected
(up to 50 listed as lines, all kept as `Problem`s) and raised together as ImportFailed before
anything is written, and a refused or failed import leaves the database unchanged. Services
never commit.
"""
