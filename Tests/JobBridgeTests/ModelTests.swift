import Foundation
import JobBridge
import Testing

@Suite struct ModelTests {
    @Test func identifiersStayStrings() throws {
        let id: TaskID = "870237973789151200"
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["870237973789151200"]"#)
        #expect(try JSONDecoder().decode([TaskID].self, from: data) == [id])
    }
}
