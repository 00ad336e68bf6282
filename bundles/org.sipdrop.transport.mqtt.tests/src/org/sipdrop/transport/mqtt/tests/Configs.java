package org.sipdrop.transport.mqtt.tests;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.sipdrop.transport.mqtt.internal.MqttTransportConfig;

/**
 * A {@link MqttTransportConfig} from properties, as DS would make it (OSGi Compendium 112.8.2.1:
 * {@code tls_port} reads {@code tls.port}, {@code _password} reads {@code .password}), for a second
 * provider outside DS: a peer with another MQTT identity in the same runtime.
 */
final class Configs {

    private Configs() {
    }

    static MqttTransportConfig of(Map<String, Object> properties) {
        return (MqttTransportConfig) Proxy.newProxyInstance(MqttTransportConfig.class.getClassLoader(),
                new Class<?>[] {MqttTransportConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return MqttTransportConfig.class;
                        case "toString":
                            return "MqttTransportConfig" + properties.keySet();
                        case "hashCode":
                            return properties.hashCode();
                        case "equals":
                            return proxy == args[0];
                        default:
                            Object v = properties.get(key(method.getName()));
                            if (v == null) {
                                return method.getDefaultValue();
                            }
                            return method.getReturnType() == int.class ? Integer.valueOf(v.toString()) : v.toString();
                    }
                });
    }

    /** @return the property of an attribute method: {@code tls_port} is {@code tls.port}, {@code _password} {@code .password} */
    static String key(String method) {
        return method.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }
}
