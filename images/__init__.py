"""
The image library: one upload, used by any number of articles and authors.

Nothing an editor uploads is served as it came. The upload itself is kept in the
private "originals" storage; the public file and every rendition are decoded and
re-encoded by Pillow, turned upright, converted to sRGB and written without any
metadata, so a camera's GPS position or serial number never reaches a reader.

Pillow is handed only what it needs to see: the file's size is checked before
anything is read, the real format is sniffed from the bytes (the name and the
browser's content type are never trusted) and only the accepted decoders are
tried, and the pixel count is read from the header before anything is decoded.

One module per concern: validation (what an upload must be), metadata (caption
and credit from the file), crops, encoding, storage (the files), renditions (and
their task, tasks.py), the admin with its form, and permissions (the hook the
apps that show images use to say who may change one). Other apps call
`images.library`, which names everything they may use; the images app imports
no other app of this project.
"""
