package dev.warden.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;
import org.jboss.logging.Logger;

/** Logs, at every startup, what the build found the Warden extension sets for the whole application. */
@Recorder
public class AppWideSettingsRecorder {
    private static final Logger LOG = Logger.getLogger("dev.warden.quarkus.AppWideSettings");

    public void log(String message) {
        LOG.info(message);
    }
}
