//! Just enough HTTP/1.1 for a loopback webhook: one request per connection, a bounded head
//! and body, and short JSON answers. Not a general server: no keep-alive, no chunked bodies
//! (a sender gets 411 and can send a `Content-Length`), no TLS (loopback only).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The largest request head (request line and headers) read.
const MAX_HEAD: usize = 16 * 1024;

/// A request read from a connection.
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

/// Why a request was refused before it was read whole: the status and what to say.
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal { status, message: message.into() }
}

/// Reads one request: its head, then a body of `Content-Length` bytes (at most `max_body`).
pub fn read_request(stream: &TcpStream, max_body: usize) -> Result<Request, Refusal> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    let mut reader = BufReader::new(stream);
    let mut head_len = 0usize;
    let mut line = String::new();
    let mut next_line = |reader: &mut BufReader<&TcpStream>, line: &mut String| -> Result<(), Refusal> {
        line.clear();
        let n = reader.by_ref().take((MAX_HEAD - head_len.min(MAX_HEAD)) as u64 + 1).read_line(line).map_err(|e| refuse(400, format!("could not read the request: {e}")))?;
        head_len += n;
        if head_len > MAX_HEAD {
            return Err(refuse(431, format!("the request head is over {} KiB", MAX_HEAD / 1024)));
        }
        Ok(())
    };
    next_line(&mut reader, &mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
        return Err(refuse(400, "not an HTTP request"));
    };
    let (method, path) = (method.to_owned(), path.to_owned());
    let mut length: Option<usize> = None;
    loop {
        next_line(&mut reader, &mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse().map_err(|_| refuse(400, format!("Content-Length `{value}` is not a number")))?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") && !value.eq_ignore_ascii_case("identity") {
            return Err(refuse(411, "chunked bodies are not read: send a Content-Length"));
        }
    }
    let length = match (method.as_str(), length) {
        ("POST", None) => return Err(refuse(411, "a POST needs a Content-Length")),
        (_, n) => n.unwrap_or(0),
    };
    if length > max_body {
        return Err(refuse(413, format!("the body is {length} bytes; the limit is {max_body}")));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| refuse(400, format!("the body ended before its {length} bytes: {e}")))?;
    Ok(Request { method, path, body })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    }
}

/// Writes a JSON answer and closes the exchange.
pub fn respond(mut stream: &TcpStream, status: u16, body: &Value) {
    let text = body.to_string();
    let mut head = format!("HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n", reason(status), text.len());
    if status == 405 {
        head.push_str("Allow: GET, POST\r\n");
    }
    if status == 503 {
        head.push_str("Retry-After: 5\r\n");
    }
    // The sender may have gone: nothing to do about a failed write.
    let _ = stream.write_all(format!("{head}\r\n{text}").as_bytes());
    let _ = stream.flush();
}

/// An error answer: `{"error": message}`.
pub fn respond_error(stream: &TcpStream, status: u16, message: &str) {
    respond(stream, status, &json!({ "error": message }));
}
