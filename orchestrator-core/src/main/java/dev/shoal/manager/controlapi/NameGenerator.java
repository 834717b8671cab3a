package dev.shoal.manager.controlapi;

import java.util.List;
import java.util.Random;

/**
 * Makes names for services created without one, in Docker's style ({@code adjective_surname}, with a
 * digit appended on retries). Thread-safe (over a thread-safe {@link Random}).
 */
final class NameGenerator {
    private static final List<String> LEFT = List.of(
            "admiring", "brave", "busy", "clever", "cool", "dazzling", "eager", "elegant", "festive", "focused",
            "gallant", "happy", "hopeful", "jolly", "keen", "kind", "lucid", "modest", "nifty", "optimistic",
            "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "tender", "upbeat", "vibrant", "zealous");
    private static final List<String> RIGHT = List.of(
            "babbage", "bohr", "curie", "darwin", "dijkstra", "einstein", "euclid", "fermi", "gauss", "hopper",
            "hypatia", "johnson", "kepler", "knuth", "lamport", "liskov", "lovelace", "meitner", "noether", "pascal",
            "ritchie", "shannon", "thompson", "torvalds", "turing", "wilson", "wing", "wozniak", "yalow", "zhukovsky");

    private final Random random;

    NameGenerator(Random random) { this.random = random; }

    /** A random name; {@code retry > 0} appends a digit, as Docker does after a collision. */
    String next(int retry) {
        String name = LEFT.get(random.nextInt(LEFT.size())) + "_" + RIGHT.get(random.nextInt(RIGHT.size()));
        return retry > 0 ? name + random.nextInt(10) : name;
    }
}
