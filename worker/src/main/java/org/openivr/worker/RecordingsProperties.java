package org.openivr.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.recordings.*}: where recording files are stored.
 *
 * @param store {@code filesystem} (default) or {@code azure-blob}
 * @param dir   the file-system store's directory ({@code .ivr/recordings} by default)
 * @param blob  the Azure Blob store's account and container
 */
@ConfigurationProperties("ivr.recordings")
public record RecordingsProperties(String store, String dir, Blob blob) {

    /**
     * @param connectionString the storage account's connection string
     * @param container        the container (created on first use), {@code recordings} by default
     */
    public record Blob(String connectionString, String container) {}
}
