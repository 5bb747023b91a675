package jp.kasane.core.personaldata;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryPersonalDataVaultTest {

    private final PersonalDataVault vault = new InMemoryPersonalDataVault();

    @Test
    void sealsOpensAndErases() {
        Sealed name = vault.seal("p-1", "鈴木 一郎");
        Sealed address = vault.seal("p-1", "大阪府阪南市尾崎町35-1");
        Sealed other = vault.seal("p-2", "佐藤 次郎");
        assertThat(vault.open(name)).contains("鈴木 一郎");

        vault.erase("p-1");
        assertThat(vault.isErased("p-1")).isTrue();
        assertThat(vault.isErased("p-2")).isFalse();
        assertThat(vault.open(name)).isEmpty();
        assertThat(vault.open(address)).isEmpty();
        assertThat(vault.open(other)).contains("佐藤 次郎");
        assertThatThrownBy(() -> vault.seal("p-1", "new")).isInstanceOf(PersonalDataErasedException.class);
    }

    @Test
    void defaultOpenAllOpensEachValueOnce() {
        Sealed a = vault.seal("p-a", "甲");
        Sealed b = vault.seal("p-b", "乙");
        vault.erase("p-b");
        Map<Sealed, Optional<String>> opened = vault.openAll(List.of(a, b, a));
        assertThat(opened).containsExactly(Map.entry(a, Optional.of("甲")), Map.entry(b, Optional.empty()));
    }

    @Test
    void aSubjectErasedBeforeAnyDataIsStillErased() {
        vault.erase("never-sealed");
        assertThat(vault.isErased("never-sealed")).isTrue();
        assertThatThrownBy(() -> vault.seal("never-sealed", "x")).isInstanceOf(PersonalDataErasedException.class);
    }

    @Test
    void aValueWhoseSubjectHasNoKeyIsBroken() {
        Sealed forged = new Sealed("nobody", vault.seal("p-x", "x").ciphertext());
        assertThatThrownBy(() -> vault.open(forged)).isInstanceOf(SealBrokenException.class);
    }
}
