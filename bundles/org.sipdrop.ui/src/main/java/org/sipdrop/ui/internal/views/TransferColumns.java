package org.sipdrop.ui.internal.views;

import java.util.List;
import java.util.function.Function;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/** The columns of the Transfers view and how each shows a transfer: pure text, testable. */
public final class TransferColumns {

    /** One column: title, relative width, text of a transfer. */
    public static final class Column {
        final String title;
        final int weight;
        final Function<Transfer, String> text;

        Column(String title, int weight, Function<Transfer, String> text) {
            this.title = title;
            this.weight = weight;
            this.text = text;
        }

        public String title() {
            return title;
        }

        /** @return the relative width */
        public int weight() {
            return weight;
        }

        public String text(Transfer t) {
            return text.apply(t);
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("File", 3, t -> t.offer().name()),
            new Column("Peer", 4, Transfer::peer),
            new Column("Direction", 2, t -> t.direction() == Direction.OUTGOING ? "Send" : "Receive"),
            new Column("Transport", 2, t -> t.transport().orElse("")),
            new Column("Size", 2, t -> size(t.offer().size())),
            new Column("Progress", 2, TransferColumns::progress),
            new Column("State", 4, TransferColumns::state));

    private TransferColumns() {
    }

    /** @return a size in the largest binary unit that keeps it at or above 1, e.g. {@code 1.5 MiB} */
    public static String size(long bytes) {
        String[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String progress(Transfer t) {
        long size = t.offer().size();
        if (size == 0) {
            return t.state() == TransferState.COMPLETED ? "100%" : "0%";
        }
        return (int) (100 * (double) t.bytesTransferred() / size) + "%";
    }

    public static String state(Transfer t) {
        String name = t.state().name().charAt(0) + t.state().name().substring(1).toLowerCase(java.util.Locale.ROOT);
        return t.failure().map(f -> name + ": " + f).orElse(name);
    }
}
