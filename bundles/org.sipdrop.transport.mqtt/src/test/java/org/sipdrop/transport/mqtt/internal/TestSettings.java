package org.sipdrop.transport.mqtt.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** {@link MqttSettings} from properties as DS would map them ({@code tls_port} reads {@code tls.port}). */
final class TestSettings {

    private TestSettings() {
    }

    static MqttTransportConfig config(Map<String, Object> properties) {
        Map<String, Object> p = new HashMap<>(Map.of("broker", "127.0.0.1", "user", "alice"));
        p.putAll(properties);
        return (MqttTransportConfig) Proxy.newProxyInstance(MqttTransportConfig.class.getClassLoader(),
                new Class<?>[] {MqttTransportConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return MqttTransportConfig.class;
                    }
                    if (method.getParameterCount() > 0 || method.getDefaultValue() == null && !p.containsKey(key(method.getName()))) {
                        return method.getName().equals("broker") ? "" : null;
                    }
                    Object v = p.get(key(method.getName()));
                    if (v == null) {
                        return method.getDefaultValue();
                    }
                    return method.getReturnType() == int.class ? Integer.valueOf(v.toString()) : v.toString();
                });
    }

    static MqttSettings of(Map<String, Object> properties) {
        return MqttSettings.of(config(properties));
    }

    private static String key(String method) {
        return method.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }
}
