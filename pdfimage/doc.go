// Package pdfimage extracts the page images of a scanned PDF, in pure Go,
// so that quorum can read QR codes from what a scanner wrote.
//
// A scanner writes one image per page: a JPEG (DCTDecode), a
// Flate-compressed bitmap, or a CCITT Group 4 fax image. [Images] reads
// exactly those and little else ([All] the same, a page at a time, for a
// stack too large to hold decoded; [IsPDF] says where a header may start),
// following ISO 32000-1 (PDF 1.7):
//
//   - the file structure: classic cross-reference tables with their
//     incremental updates, cross-reference streams and object streams
//     (PDF 1.5), and, when the cross-reference is missing, truncated or
//     wrong, a scan of the file for "N G obj" as viewers do;
//   - the page tree, with inherited /Resources, and the image XObjects of
//     each page's resources and of the Form XObjects those use (one level);
//   - the filters FlateDecode and LZWDecode (with PNG and TIFF
//     predictors; LZW through golang.org/x/image/tiff/lzw), DCTDecode
//     (image/jpeg, CMYK included), CCITTFaxDecode (golang.org/x/image/ccitt:
//     Group 4, and Group 3 one-dimensional with end-of-line codes),
//     ASCIIHexDecode, ASCII85Decode and RunLengthDecode, and chains of
//     them ending in one image codec;
//   - the colour spaces DeviceGray, DeviceRGB, DeviceCMYK, CalGray,
//     CalRGB, ICCBased (taken as the device space with as many
//     components; the profile is ignored), Indexed, and image masks, at 1,
//     2, 4, 8 or 16 bits per component, with /Decode.
//
// It does not read JBIG2Decode or JPXDecode (JPEG 2000) images, JPEGs
// that image/jpeg does not (12-bit, arithmetic-coded), CCITT Group 3
// two-dimensional images, Separation, DeviceN or Lab colour spaces, or
// encrypted PDFs: each is an [*UnsupportedError] that names it. Nor does
// it see inline images (BI … ID … EI in a content stream), which writers
// use for small images only: a PDF with nothing else gives [ErrNoImages].
// Page content streams are not interpreted, so an image
// listed in a page's resources counts even if the page does not draw it,
// and images come out as stored, without the page's scaling or rotation
// (the QR decoder finds codes at any angle). Soft masks are ignored.
//
// Images are *image.Gray for gray and one-bit images and for palettes of
// grays, what image/jpeg returns for JPEGs (*image.Gray, *image.YCbCr or
// *image.CMYK), and *image.RGBA for other colour images. An image drawn on
// several pages is decoded once and shared; callers must not modify it.
//
// # Hostile input
//
// A PDF may come from anyone, so every count and size read from it is
// bounded before anything is allocated, and every recursion is bounded:
// one image at most 80 million pixels (an A3 page at 600 dpi is 69.6
// million), all images of a file 1 GiB decoded, 2000 pages, a page tree
// 32 levels deep, 500,000 objects, arrays and dictionaries nested 32 deep.
// A compressed stream is inflated through a limit equal to what its image
// needs, plus 1/16 and 4 KiB: a stream that inflates beyond that is a
// decompression bomb and is refused with a [*LimitError] after reading
// only that much. A loop in the page tree or among references is a
// [*FormatError]; a /Prev loop among cross-reference sections ends the
// chain, since every section in it has been read. A /Length that does not
// end at "endstream" is not trusted: the stream runs to the next
// "endstream", and a file cut off before it is a [*FormatError]. The
// package is fuzzed
// (FuzzImages), and a panic in golang.org/x/image/ccitt, which does not
// claim to be hardened, is turned into a [*FormatError].
//
// # Why not a PDF library
//
// github.com/pdfcpu/pdfcpu (v0.15.0) is the obvious choice, but its reader,
// pkg/pdfcpu, links net/http and crypto/tls: signature validation fetches
// revocation lists and form primitives load images from URLs. Even its
// pkg/pdfcpu/model links net, through crypto/x509. quorum promises a
// binary without network code (cmd/quorum's TestNoNetworkCode). Only its
// pkg/filter is free of net, but filters are the easy part (compress/zlib,
// image/jpeg and golang.org/x/image/ccitt do the work); what a reader
// needs is the cross-reference, object streams and page tree, which take
// some two thousand lines here, comments included, when only images
// matter. rsc.io/pdf and its forks, the other pure-Go readers, are
// unmaintained, not hardened, and stop at streams rather than images.
package pdfimage
