package dev.shoal.cli.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table laid out as Docker's CLI lays out its lists (Go's tabwriter with minimum width 10
 * and padding 3): every cell but the last of a row is padded to its column's width; the last cell is
 * printed as is.
 */
public final class Table {
    /** Docker's tabwriter minimum cell width, padding included. */
    static final int MIN_WIDTH = 10;
    /** Docker's tabwriter padding: the gap after the widest cell of a column. */
    static final int PADDING = 3;

    private final List<String[]> rows = new ArrayList<>();

    /** A table whose first row is the given header. */
    public Table(String... header) {
        rows.add(header.clone());
    }

    /** Adds a row; null cells print empty. */
    public Table row(String... cells) {
        String[] r = Arrays.copyOf(cells, cells.length);
        for (int i = 0; i < r.length; i++) if (r[i] == null) r[i] = "";
        rows.add(r);
        return this;
    }

    /** Prints the table, one line per row. */
    public void print(PrintWriter out) {
        int columns = 0;
        for (String[] r : rows) columns = Math.max(columns, r.length);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) width[i] = Math.max(width[i], Math.max(MIN_WIDTH, length(r[i]) + PADDING));
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.setLength(0);
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]);
                if (i < r.length - 1) b.append(" ".repeat(width[i] - length(r[i])));
            }
            out.println(b);
        }
        out.flush();
    }

    private static int length(String s) { return s.codePointCount(0, s.length()); }
}
