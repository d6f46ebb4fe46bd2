/*
 * Reference key-tone decoder for the accuracy harness: Debian's libspandsp (dtmf_rx, default parameters)
 * over signed 16-bit little-endian 8 kHz mono PCM, fed in 20 ms chunks as a streaming receiver would.
 * Usage: spandsp_oracle FILE.raw   Prints one line per key: "<key> <sample at which it was reported>".
 * Built by bench/accuracy.sh (gcc ... -lspandsp); not part of the product.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <tiffio.h>
#include <spandsp.h>

static long position;

static void on_tone(void *user_data, int code, int level, int delay)
{
    (void) user_data;
    (void) level;
    (void) delay;
    if (code)
        printf("%c %ld\n", code, position);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.raw\n", argv[0]);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    dtmf_rx_state_t *rx = dtmf_rx_init(NULL, NULL, NULL);
    dtmf_rx_set_realtime_callback(rx, on_tone, NULL);
    int16_t chunk[160];
    size_t n;
    while ((n = fread(chunk, sizeof(int16_t), 160, in)) > 0) {
        position += (long) n;
        dtmf_rx(rx, chunk, (int) n);
    }
    fclose(in);
    dtmf_rx_free(rx);
    return 0;
}
