package org.openivr.activities;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtmfKeysTest {

    @Test
    void everyKeyMapsToItsToneAndBack() {
        List<String> keys = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D");
        List<String> tones = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "asterisk", "pound", "a", "b", "c", "d");
        assertThat(DtmfKeys.toneNames(keys)).isEqualTo(tones);
        assertThat(tones.stream().map(DtmfKeys::key).toList()).isEqualTo(keys);
        assertThat(DtmfKeys.sdkTones(keys).stream().map(Object::toString).toList()).isEqualTo(tones);
        assertThat(DtmfKeys.toneName("a")).isEqualTo("a");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "12", "E", "x", " ", "+"}) {
            assertThatThrownBy(() -> DtmfKeys.toneName(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> DtmfKeys.toneName(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtmfKeys.key("hash")).isInstanceOf(IllegalArgumentException.class);
    }
}
