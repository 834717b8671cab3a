package dev.shoal.executor.docker;

/**
 * An image reference split the way the pull API wants it: repository plus tag, or repository plus
 * digest. A reference without either means {@code :latest} (pulling a bare repository would fetch
 * every tag).
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            // Digest references: the API takes the digest in the tag field.
            return new ImageRef(image.substring(0, at), image.substring(at + 1));
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash) {
            return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageRef(image, "latest");
    }

    /** The normalised reference, e.g. {@code foo:latest}. */
    String reference() {
        return tag.startsWith("sha256:") ? repository + "@" + tag : repository + ":" + tag;
    }
}
