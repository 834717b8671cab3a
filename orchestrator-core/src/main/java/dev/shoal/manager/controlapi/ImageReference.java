package dev.shoal.manager.controlapi;

import java.util.regex.Pattern;

/**
 * Checks an image reference against the Docker distribution grammar
 * ({@code [domain[:port]/]path[:tag][@digest]}, lowercase path). Stateless and thread-safe.
 */
final class ImageReference {
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("^" + NAME + "(?::" + TAG + ")?(?:@" + DIGEST + ")?$");

    private ImageReference() {}

    static boolean isValid(String image) {
        return image.length() <= 255 + 128 + 100 && REFERENCE.matcher(image).matches();
    }
}
