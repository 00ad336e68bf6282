package org.sipdrop.ui.internal.views;

import java.util.List;
import java.util.function.Function;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.transfers.TransferRecord;

/**
 * The columns of the Transfers view and how each shows a row (a live {@link Transfer} or a
 * finished {@link TransferRecord}): pure text, testable. The widths are shares of the view
 * (weights) with a least width each in characters, chosen so that at the default size of the
 * SipDrop perspective a file name, a peer's address and a state with its reason read whole,
 * while direction, transport, size and speed take what their short values need.
 */
public final class TransferColumns {

    /** One column: title, relative width, least width in characters, text of a row. */
    public static final class Column {
        final String title;
        final int weight;
        final int minChars;
        final Function<TransferRecord, String> text;

        Column(String title, int weight, int minChars, Function<TransferRecord, String> text) {
            this.title = title;
            this.weight = weight;
            this.minChars = minChars;
            this.text = text;
        }

        public String title() {
            return title;
        }

        /** @return the relative width */
        public int weight() {
            return weight;
        }

        /** @return the least width, in average characters, that shows a typical value whole */
        public int minChars() {
            return minChars;
        }

        /** @return the text of a row: a {@link Transfer} or a {@link TransferRecord} */
        public String text(Object row) {
            return text.apply(TransferRecord.of(row));
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("File", 5, 22, TransferRecord::name),
            new Column("Peer", 4, 20, TransferRecord::peer),
            new Column("Direction", 1, 7, r -> r.direction() == Direction.OUTGOING ? "Send" : "Receive"),
            new Column("Transport", 1, 6, TransferRecord::transport),
            new Column("Size", 1, 8, r -> size(r.size())),
            new Column("Progress", 2, 8, TransferColumns::progress),
            new Column("State", 5, 18, TransferColumns::state));

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

    public static String progress(TransferRecord r) {
        return (int) (100 * fraction(r)) + "%";
    }

    /** @return the share of the file done, 0..1 */
    public static double fraction(TransferRecord r) {
        if (r.size() == 0 || r.state() == TransferState.COMPLETED) {
            return r.state() == TransferState.COMPLETED ? 1 : 0;
        }
        return Math.max(0, Math.min(1, (double) r.bytes() / r.size()));
    }

    /** @return the whole of a row, for its tooltip: what a narrow column cuts stays readable */
    public static String toolTip(TransferRecord r) {
        String when = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                .format(r.time().atZone(java.time.ZoneId.systemDefault()));
        return r.name() + " (" + size(r.size()) + ")\n" + (r.direction() == Direction.OUTGOING ? "To " : "From ") + r.peer()
                + (r.transport().isEmpty() ? "" : " over " + r.transport()) + "\n" + state(r) + (r.state().isTerminal() ? ", " + when : "")
                + (r.saved().isEmpty() ? "" : "\n" + r.saved());
    }

    public static String state(Transfer t) {
        return state(TransferRecord.of(t));
    }

    public static String state(TransferRecord r) {
        String name = r.state().name().charAt(0) + r.state().name().substring(1).toLowerCase(java.util.Locale.ROOT);
        return r.reason().isEmpty() ? name : name + ": " + r.reason();
    }
}
