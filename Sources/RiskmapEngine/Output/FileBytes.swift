import Foundation

/// Reads whole files straight into a byte array (no intermediate `Data` copy, which
/// for a large school file would double the memory touched).
public enum FileBytes {
    public static func read(_ path: String) -> [UInt8]? {
        guard !path.contains("\u{0}") else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // One byte more than the size, so that a file that grew (or a pipe, size 0) is read on.
        var capacity = max(Int(st.st_size), 0) + 1
        var bytes: [UInt8] = []
        while true {
            var ok = true
            var full = false
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                LargeBuffer.prepare(buffer.baseAddress!, byteCount: capacity)
                var done = 0
                while done < capacity {
                    let n = Foundation.read(fd, buffer.baseAddress! + done, capacity - done)
                    if n < 0 { if errno == EINTR { continue }; ok = false; break }
                    if n == 0 { break }
                    done += n
                }
                full = done == capacity
                count = done
            }
            guard ok else { return nil }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if !full { return bytes }
            capacity = max(capacity, 1 << 16)
        }
    }
}
