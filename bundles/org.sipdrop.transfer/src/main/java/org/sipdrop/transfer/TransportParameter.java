package org.sipdrop.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A typed key of what the engine tells a transport about one transfer, beyond the offer
 * itself: {@link TransportRequest#get(TransportParameter)} and
 * {@link TransportRequest#settle(TransportParameter, Object)}. A transport reads those it
 * understands and ignores the others.
 *
 * @param <T> the value's type
 * @since 0.2
 */
public final class TransportParameter<T> {

    /**
     * Session transports: which side connects (RFC 4145, RFC 6135). An offerer's session starts
     * with {@link ConnectionRole#ACTPASS} and the answer settles it before bytes move. Absent: the
     * side that receives connects.
     */
    public static final TransportParameter<ConnectionRole> SETUP = new TransportParameter<>("setup", ConnectionRole.class);

    /** Storage transports: what to do with the stored file when the sender's session closes. */
    public static final TransportParameter<Cleanup> CLEANUP = new TransportParameter<>("cleanup", Cleanup.class);

    /**
     * Storage transports: how long the stored file should stay available; the storage may grant
     * less ({@link ExpiringSession}).
     */
    public static final TransportParameter<Duration> LIFETIME = new TransportParameter<>("lifetime", Duration.class);

    /**
     * Session transports, sending: the wrapper media type to send the file in, e.g.
     * {@code message/cpim} when the receiver takes the file's type only wrapped (RFC 4975 §8.6,
     * RFC 5547 §8.7). Absent: the file goes as itself, with its own type.
     */
    public static final TransportParameter<String> WRAP = new TransportParameter<>("wrap", String.class);

    /** Session transports, sending: the receiver's largest message (RFC 4975 §8.6 max-size), in bytes. */
    public static final TransportParameter<Long> MAX_SIZE = new TransportParameter<>("max-size", Long.class);

    /**
     * Session transports, receiving: the media types this side's description accepts (RFC 4975
     * §8.6 accept-types; {@code *} for any); a message of another type is refused. Absent: any.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public static final TransportParameter<List<String>> ACCEPT_TYPES = new TransportParameter("accept-types", List.class);

    private final String name;
    private final Class<?> type;

    private TransportParameter(String name, Class<?> type) {
        this.name = name;
        this.type = type;
    }

    /** @return the parameter's name, for messages and logs */
    public String name() {
        return name;
    }

    T cast(Object value) {
        Objects.requireNonNull(value, name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + " takes a " + type.getSimpleName() + ", not " + value.getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return t;
    }

    @Override
    public String toString() {
        return name;
    }
}
