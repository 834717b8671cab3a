package dev.shoal.cli;

/**
 * Marks a command whose first positional parameter ends option parsing, so that what follows it is
 * passed on untouched ({@code service create IMAGE sh -c 'echo hi'}), as Docker does.
 */
public interface StopsAtFirstPositional {
}
