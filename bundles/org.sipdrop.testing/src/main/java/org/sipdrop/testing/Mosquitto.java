package org.sipdrop.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A mosquitto 2.0 MQTT broker on 127.0.0.1 with a plain and a TLS listener, password
 * authentication (anonymous clients are refused), no persistence and no websockets, started from
 * {@code releng/peers/mosquitto}.
 */
public final class Mosquitto implements AutoCloseable {

    private final PeerProcess process;
    private final Path runDir;
    private final int mqttPort;
    private final int mqttsPort;

    private Mosquitto(PeerProcess process, Path runDir, int mqttPort, int mqttsPort) {
        this.process = process;
        this.runDir = runDir;
        this.mqttPort = mqttPort;
        this.mqttsPort = mqttsPort;
    }

    /** Starts the broker; {@code users} maps name to password. */
    public static Mosquitto start(Path runDir, int mqttPort, int mqttsPort, Map<String, String> users) {
        Binaries.require("mosquitto", "mosquitto");
        Binaries.require("mosquitto_passwd", "mosquitto");
        Binaries.require("openssl", "openssl");
        if (mqttPort == mqttsPort) {
            throw new IllegalArgumentException("MQTT and MQTTS need two ports, got " + mqttPort + " twice");
        }
        Path usersFile = Users.write(runDir, users);
        PeerProcess process = new Launcher("mosquitto").start(runDir, List.of("--mqtt-port", String.valueOf(mqttPort),
                "--mqtts-port", String.valueOf(mqttsPort), "--users", usersFile.toString()));
        return new Mosquitto(process, Launcher.createRunDir(runDir), mqttPort, mqttsPort);
    }

    public int mqttPort() {
        return mqttPort;
    }

    public int mqttsPort() {
        return mqttsPort;
    }

    /** {@code tcp://127.0.0.1:PORT}, as Paho writes it. */
    public String uri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /** {@code ssl://127.0.0.1:PORT}; trust {@link #certificate()}. */
    public String tlsUri() {
        return "ssl://127.0.0.1:" + mqttsPort;
    }

    /** The self-signed certificate (PEM) of the TLS listener. */
    public Path certificate() {
        return runDir.resolve("cert.pem");
    }

    public Path runDir() {
        return runDir;
    }

    public Path log() {
        return process.log();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker by PID: SIGTERM, at most 5 s, then SIGKILL. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "mosquitto " + process + " mqtt=" + mqttPort + " mqtts=" + mqttsPort;
    }
}
