package jp.kasane.api.config.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code kasane.data-dir}: the directory Kasane keeps its local state in. With no {@code spring.datasource.url} the
 * embedded PostgreSQL keeps its cluster in {@code <data-dir>/postgres}; other parts of Kasane may keep files beside
 * it. Other keys under {@code kasane.} belong to other properties classes and are ignored here.
 */
@ConfigurationProperties("kasane")
public class KasaneDataProperties {

    /** Where Kasane keeps its local state (the embedded PostgreSQL cluster among it). */
    private Path dataDir = Path.of("data");

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }
}
