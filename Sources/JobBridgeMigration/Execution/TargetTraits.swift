import JobBridge

/// What the engine reads from a provider's descriptor beyond its capabilities.
enum TargetTraits {
    /// Whether deleting a job of this provider deletes data: its destination is implied
    /// (CData Connect's cache, which a caching job owns).
    static func deletesData(_ descriptor: ProviderDescriptor) -> Bool {
        descriptor.migration.destination == .implied
    }
}
