package io.solcial.overlay;

/**
 * An overlay topic: each topic has its own HyParView views and Plumtree tree. Names look like
 * libp2p protocol ids, e.g. {@code /solcial/public}, {@code /solcial/content}.
 */
public record Topic(String name) {
    public static final Topic PUBLIC = new Topic("/solcial/public");
    public static final Topic CONTENT = new Topic("/solcial/content");
    public static final int MAX_NAME_LENGTH = 128;

    public Topic {
        if (!name.startsWith("/") || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("invalid topic name: " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
