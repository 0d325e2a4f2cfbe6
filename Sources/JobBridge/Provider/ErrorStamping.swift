extension JobProvider {
    /// Runs one operation of this provider and stamps every error it throws with the
    /// provider instance's name (``ProviderDescriptor/name``, such as
    /// `"Sync (production)"`) and the operation the caller invoked, whatever inner request
    /// failed (the read that an update makes first still fails as `updateJob`).
    ///
    /// Adapters wrap each public operation in it, so that errors are stamped in one place.
    /// An error that is not a ``JobBridgeError`` becomes a
    /// ``JobBridgeError/Code/badResponse`` keeping it as its ``JobBridgeError/cause``;
    /// cancellation passes through unchanged.
    public func stamping<Value>(_ operation: JobOperation, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch {
            throw stamped(error, operation)
        }
    }

    /// The listing with every error its pages throw stamped as by
    /// the closure form of `stamping(_:_:)`.
    public func stamping<Element>(_ operation: JobOperation, _ listing: PagedSequence<Element>)
        -> PagedSequence<Element>
    {
        let name = descriptor.name
        let fetchPage = listing.fetchPage
        return PagedSequence { token in
            do {
                return try await fetchPage(token)
            } catch {
                throw Self.stamped(error, operation, provider: name)
            }
        }
    }

    /// The error as the caller sees it: see the closure form of `stamping(_:_:)`.
    public func stamped(_ error: any Error, _ operation: JobOperation) -> any Error {
        Self.stamped(error, operation, provider: descriptor.name)
    }

    private static func stamped(_ error: any Error, _ operation: JobOperation, provider: String) -> any Error {
        if error is CancellationError { return error }
        guard let typed = error as? JobBridgeError else {
            return JobBridgeError(
                .badResponse, "the operation failed with an error that is not a JobBridgeError", provider: provider,
                operation: operation, cause: JobBridgeError.Cause(error))
        }
        return typed.stamped(provider: provider, operation: operation)
    }
}
