package jp.kasane.api.web.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kasane.api.personaldata.KeyRotation;
import jp.kasane.core.rules.RuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations: rotating the key-encryption key on demand, e.g. right after an erasure (docs/personal-data.md). */
@RestController
@RequestMapping("/api/v1/admin/key-rotation")
@Tag(name = "Operations", description = "ADMIN: dead letters of the projections, key rotation")
public class KeyRotationController {

    private final KeyRotation rotation;

    public KeyRotationController(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rotate the key-encryption key now (ADMIN)", description = """
            `{kekId, rewrapped, destroyed}`: a new KEK version wraps every live data key, and the older versions are \\
            destroyed, so erased people's wrapped keys in the WAL or backups open no more. Online; a rotation \\
            running on another node is waited for. With a static `kasane.crypto.kek`: 409 KEY_ROTATION_UNAVAILABLE.""")
    public KeyRotation.Result rotate() {
        try {
            return rotation.rotate();
        } catch (KeyRotation.UnavailableException e) {
            throw RuleViolation.conflict("KEY_ROTATION_UNAVAILABLE", "The key-encryption key is static "
                    + "(kasane.crypto.kek) and cannot be rotated; configure kasane.crypto.keyring-dir");
        }
    }
}
