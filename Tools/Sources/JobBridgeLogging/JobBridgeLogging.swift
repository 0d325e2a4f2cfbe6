import JobBridge

/// Placeholder while issue #13 is built; replaced by the module's real types.
enum JobBridgeLoggingModule {}
