//! The protocol's framing over a byte stream: `Content-Length` headers, then a JSON body.
//!
//! Frames are read on their own thread, so the server can see whether more messages wait
//! (and coalesce edits) while it works. A frame that is not JSON, or JSON that is not a
//! request, notification or response, does not end the connection: it becomes the error
//! response the JSON-RPC specification asks for (-32700 parse error, -32600 invalid
//! request), and reading goes on with the next frame.

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, sync_channel};

/// The largest message read; a larger one is skipped and answered with an error. An editor
/// sends a whole file in one message, and samdrift reads files up to 256 MiB.
pub const MAX_MESSAGE_BYTES: usize = 640 << 20;
/// The longest header line read.
const MAX_HEADER_BYTES: u64 = 16 << 10;

/// What came in.
pub enum Incoming {
    Message(Message),
    /// A frame that was not a message: the error response to send back.
    Invalid(Value),
}

fn error(id: Value, code: ErrorCode, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// Reads one frame's body. `Ok(None)` at the end of the input.
fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, Value>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        let n = r
            .by_ref()
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any {
                break;
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
            );
        }
    }
    let len = match length {
        None => {
            return Ok(Some(Err(error(
                Value::Null,
                ErrorCode::ParseError,
                "a message without Content-Length".into(),
            ))));
        }
        Some(Err(e)) => {
            return Ok(Some(Err(error(Value::Null, ErrorCode::ParseError, e))));
        }
        Some(Ok(n)) => n,
    };
    if len > MAX_MESSAGE_BYTES {
        let skipped = io::copy(&mut r.by_ref().take(len as u64), &mut io::sink())?;
        if skipped < len as u64 {
            return Ok(None);
        }
        return Ok(Some(Err(error(
            Value::Null,
            ErrorCode::InvalidRequest,
            format!(
                "a message of {} MiB; samdrift reads messages up to {} MiB",
                len >> 20,
                MAX_MESSAGE_BYTES >> 20
            ),
        ))));
    }
    let mut body = Vec::with_capacity(len.min(1 << 20));
    r.by_ref().take(len as u64).read_to_end(&mut body)?;
    if body.len() < len {
        return Ok(None);
    }
    Ok(Some(Ok(body)))
}

/// Turns a frame's body into a message, or the error response it deserves.
pub fn decode(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid(error(
                Value::Null,
                ErrorCode::ParseError,
                format!("not JSON: {e}"),
            ));
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Invalid(error(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC request, notification or response: {e}"),
        )),
    }
}

/// Starts the thread that reads frames from `input`. The channel closes at the end of the
/// input (or on a read error); it holds at most a few messages, so a client that sends
/// faster than the server works waits on its pipe rather than filling memory.
pub fn spawn_reader(input: impl BufRead + Send + 'static) -> Receiver<Incoming> {
    let (tx, rx) = sync_channel(64);
    std::thread::spawn(move || {
        let mut input = input;
        while let Ok(Some(frame)) = read_frame(&mut input) {
            let msg = match frame {
                Ok(body) => decode(&body),
                Err(e) => Incoming::Invalid(e),
            };
            let exit =
                matches!(&msg, Incoming::Message(Message::Notification(n)) if n.method == "exit");
            if tx.send(msg).is_err() || exit {
                break;
            }
        }
    });
    rx
}

/// Writes a message (or a raw JSON value) as one frame.
pub fn write_value(out: &mut impl Write, v: &Value) -> io::Result<()> {
    let text = serde_json::to_string(v)?;
    write!(out, "Content-Length: {}\r\n\r\n", text.len())?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub fn write(out: &mut impl Write, m: Message) -> io::Result<()> {
    m.write(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<Vec<u8>, Value>> {
        let mut r = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).unwrap() {
            out.push(f);
        }
        out
    }

    #[test]
    fn frames_and_bad_frames() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nX-Other: y\r\n\r\nabcContent-Type: x\r\n\r\nContent-Length: 1\r\n\r\n";
        let f = frames(input);
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].as_ref().unwrap(), b"{}");
        assert_eq!(f[1].as_ref().unwrap(), b"abc");
        assert_eq!(f[2].as_ref().unwrap_err()["error"]["code"], -32700);
        // The truncated last frame is the end of the input.
    }

    #[test]
    fn decoding() {
        assert!(matches!(
            decode(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            Incoming::Message(Message::Request(_))
        ));
        let Incoming::Invalid(e) = decode(b"{not json") else {
            panic!()
        };
        assert_eq!(
            (e["id"].clone(), e["error"]["code"].clone()),
            (Value::Null, json!(-32700))
        );
        let Incoming::Invalid(e) = decode(br#"{"jsonrpc":"2.0","id":7}"#) else {
            panic!()
        };
        assert_eq!(
            (e["id"].clone(), e["error"]["code"].clone()),
            (json!(7), json!(-32600))
        );
    }
}
