import Foundation
import JobBridge
import JobBridgeConnect
import Testing

/// The URL the user comes back to from the hosted add-connection page.
@Suite struct ReturnURLTests {
    @Test func theSeedsThreeExamplesParse() throws {
        let results = try Seeds.returnURLs.map { text in
            try ConnectConnectionReturn(url: try #require(URL(string: text)))
        }
        #expect(
            results.map(\.outcome) == [
                .success(id: "da77460c-7438-4288-be66-ea0059c160ae", name: "OData1"),
                .none,
                .error(id: "507b42e8-94b1-488e-a1d8-5a62d5d74a31", name: "Salesforce1"),
            ])
        #expect(
            results.map(\.connectionID) == [
                "da77460c-7438-4288-be66-ea0059c160ae", nil, "507b42e8-94b1-488e-a1d8-5a62d5d74a31",
            ])
    }

    @Test func anUnknownStatusIsKept() throws {
        let url = try #require(
            URL(string: "https://app.example/back?cdata_connection_status=pending&cdata_connection_id=c1&x=1"))
        #expect(try ConnectConnectionReturn(url: url).outcome == .other(status: "pending", id: "c1", name: nil))
    }

    @Test func encodedNamesAreDecoded() throws {
        let url = try #require(
            URL(
                string:
                    "https://app.example/back?a=b&cdata_connection_name=My%20CRM%20%26%20more&cdata_connection_id=c%2F1&cdata_connection_status=SUCCESS"
            ))
        #expect(try ConnectConnectionReturn(url: url).outcome == .success(id: "c/1", name: "My CRM & more"))
    }

    @Test(arguments: [
        ("https://app.example/back?zx=1&no_sw_cr=1", "cdata_connection_status"),
        ("https://app.example/back", "cdata_connection_status"),
        ("https://app.example/back?cdata_connection_status=", "cdata_connection_status"),
        ("https://app.example/back?cdata_connection_status=success&cdata_connection_name=X", "cdata_connection_id"),
        ("https://app.example/back?cdata_connection_status=error&cdata_connection_id=", "cdata_connection_id"),
    ])
    func missingOrMalformedParametersAreNamed(_ text: String, _ field: String) throws {
        let url = try #require(URL(string: text))
        let error = try #require(throws: JobBridgeError.self) { try ConnectConnectionReturn(url: url) }
        #expect(error.code == .badResponse)
        #expect(error.field == field)
        #expect(error.message.contains(field))
    }
}
