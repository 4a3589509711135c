//! The report as a tape the JavaScript glue turns into the same object
//! `JSON.parse` would make of the contract's JSON text, without the text:
//! numbers as numbers, strings in one piece of text cut by length, object
//! keys named once per call.
//!
//! The tape is a `serde` serializer that follows `serde_json`'s choices
//! (`None`, units and non-finite floats as `null`, enums externally tagged,
//! map keys as strings), so any `Serialize` value comes out as the object
//! its JSON would parse to. What it cannot write (a map key that is not a
//! string, a number or a bool) is an error, and the caller then falls back
//! to the JSON text.
//!
//! Layout, read by `scripts/check-glue.js` (`decodeTape`): `ops` holds one
//! code per value, followed by its operands:
//!
//! | code | value | operands |
//! | --- | --- | --- |
//! | 0 | `null` | |
//! | 1 | `false` | |
//! | 2 | `true` | |
//! | 3 | a number that is an `i32` | the number |
//! | 4 | any other number | none: the next of `nums` |
//! | 5 | a string | its length in UTF-16 units: the next piece of `text` |
//! | 6 | an array | its length, then that many values |
//! | 7 | an object | its number of keys, then for each a key index and a value |
//! | 8 | a float that is a whole `i32` (JSON writes it `1.0`) | the number |
//! | 9 | an integer beyond `i64`'s… or `i32`'s range | its decimal text's length: the next piece of `text` |
//!
//! [`Tape::to_json`] writes the JSON text back, byte for byte what
//! `serde_json::to_string` writes for the same value.
//!
//! Key `i` is the `i`-th piece of `keys`, `key_lens[i]` UTF-16 units long.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde::ser::{self, Serialize};

const NULL: i32 = 0;
const FALSE: i32 = 1;
const TRUE: i32 = 2;
const INT: i32 = 3;
const FLOAT: i32 = 4;
const STRING: i32 = 5;
const ARRAY: i32 = 6;
const OBJECT: i32 = 7;
const WHOLE_FLOAT: i32 = 8;
const BIG_INT: i32 = 9;

/// A fast hash for short keys and addresses (the one rustc uses).
#[derive(Default, Clone, Copy)]
pub(super) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A report written as a tape; reused from call to call (cleared, its
/// buffers kept).
#[derive(Default)]
pub(super) struct Tape {
    /// Codes and operands.
    pub ops: Vec<i32>,
    /// The numbers that are not `i32`s, in order.
    pub nums: Vec<f64>,
    /// Every string value, one after the other.
    pub text: String,
    /// Every key, one after the other.
    pub keys: String,
    /// Each key's length in UTF-16 units.
    pub key_lens: Vec<i32>,
    /// Struct field names (static strings) by address and length.
    by_address: FxMap<(usize, usize), i32>,
    /// Keys by their text.
    by_name: FxMap<String, i32>,
    /// A map key being written.
    scratch: String,
}

/// What the tape cannot write.
#[derive(Debug)]
pub(super) struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

fn utf16_len(s: &str) -> i32 {
    if s.is_ascii() {
        return s.len() as i32;
    }
    s.chars().map(char::len_utf16).sum::<usize>() as i32
}

impl Tape {
    /// Writes `value` (after clearing what the last call wrote).
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.ops.clear();
        self.nums.clear();
        self.text.clear();
        self.keys.clear();
        self.key_lens.clear();
        self.by_address.clear();
        self.by_name.clear();
        value.serialize(&mut *self)
    }

    fn int(&mut self, v: i64) {
        match i32::try_from(v) {
            Ok(small) => self.ops.extend_from_slice(&[INT, small]),
            Err(_) => self.big(v),
        }
    }

    /// An integer outside `i32`: its decimal text (JavaScript reads it as
    /// `JSON.parse` does, the nearest double).
    fn big(&mut self, v: impl fmt::Display) {
        use std::fmt::Write;
        let start = self.text.len();
        let _ = write!(self.text, "{v}");
        let len = (self.text.len() - start) as i32;
        self.ops.extend_from_slice(&[BIG_INT, len]);
    }

    fn float(&mut self, v: f64) {
        self.ops.push(FLOAT);
        self.nums.push(v);
    }

    fn string(&mut self, s: &str) {
        self.ops.extend_from_slice(&[STRING, utf16_len(s)]);
        self.text.push_str(s);
    }

    /// The index of a key given by its text.
    fn key_named(&mut self, name: &str) -> i32 {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let i = self.key_lens.len() as i32;
        self.key_lens.push(utf16_len(name));
        self.keys.push_str(name);
        self.by_name.insert(name.to_string(), i);
        i
    }

    /// The index of a struct field's name (a static string: looked up by
    /// its address first).
    fn field(&mut self, name: &'static str) -> i32 {
        let at = (name.as_ptr() as usize, name.len());
        if let Some(&i) = self.by_address.get(&at) {
            return i;
        }
        let i = self.key_named(name);
        self.by_address.insert(at, i);
        i
    }

    /// Starts an array or object of a count not yet known.
    fn open(&mut self, code: i32) -> usize {
        self.ops.extend_from_slice(&[code, 0]);
        self.ops.len() - 1
    }

    /// `{variant: …}`: the object of one key around an enum variant's value.
    fn tag(&mut self, variant: &'static str) {
        let key = self.field(variant);
        self.ops.extend_from_slice(&[OBJECT, 1, key]);
    }
}

/// An array or object being written: where its count goes, and the count.
pub(super) struct Compound<'a> {
    tape: &'a mut Tape,
    at: usize,
    count: i32,
}

impl Compound<'_> {
    fn end(self) {
        self.tape.ops[self.at] = self.count;
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.ops.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.int(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        match i64::try_from(v) {
            Ok(v) => self.int(v),
            Err(_) => self.big(v),
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        match i64::try_from(v) {
            Ok(v) => self.int(v),
            Err(_) => self.big(v),
        }
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        match i64::try_from(v) {
            Ok(v) => self.int(v),
            Err(_) => self.big(v),
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        // JSON writes an f32 in its shortest decimal form, which JavaScript
        // reads back as the nearest f64.
        if !v.is_finite() {
            self.ops.push(NULL);
            return Ok(());
        }
        let v: f64 = v.to_string().parse().unwrap_or(f64::from(v));
        self.serialize_f64(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        if !v.is_finite() {
            self.ops.push(NULL);
        } else if v.fract() == 0.0
            && v.abs() <= f64::from(i32::MAX)
            && !(v == 0.0 && v.is_sign_negative())
        {
            self.ops.extend_from_slice(&[WHOLE_FLOAT, v as i32]);
        } else {
            self.float(v);
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unsupported> {
        self.ops.extend_from_slice(&[ARRAY, v.len() as i32]);
        for &b in v {
            self.int(b.into());
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.tag(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        let at = self.open(ARRAY);
        Ok(Compound {
            tape: self,
            at,
            count: 0,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.tag(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        let at = self.open(OBJECT);
        Ok(Compound {
            tape: self,
            at,
            count: 0,
        })
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.tag(variant);
        self.serialize_map(Some(len))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self);
        Ok(())
    }
}

/// The tuple forms write what a sequence writes.
macro_rules! as_seq {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), Unsupported> {
                Compound::end(self);
                Ok(())
            }
        }
    )*};
}

as_seq!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        let mut name = std::mem::take(&mut self.tape.scratch);
        name.clear();
        let written = key.serialize(KeyWriter(&mut name));
        let index = written.map(|()| self.tape.key_named(&name));
        self.tape.scratch = name;
        self.tape.ops.push(index?);
        self.count += 1;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let index = self.tape.field(key);
        self.tape.ops.push(index);
        self.count += 1;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self);
        Ok(())
    }
}

/// A map key as JSON writes it: strings as they are, numbers and bools as
/// their text; anything else is [`Unsupported`].
struct KeyWriter<'a>(&'a mut String);

fn no_key<T>() -> Result<T, Unsupported> {
    Err(Unsupported("a map key that JSON cannot name".to_string()))
}

impl KeyWriter<'_> {
    fn text(self, v: impl fmt::Display) -> Result<(), Unsupported> {
        use std::fmt::Write;
        write!(self.0, "{v}").map_err(|e| Unsupported(e.to_string()))
    }
}

/// Map keys JSON writes as their text.
macro_rules! key_as_text {
    ($($name:ident: $t:ty,)*) => {
        $(fn $name(self, v: $t) -> Result<(), Unsupported> {
            self.text(v)
        })*
    };
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    key_as_text! {
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.0.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.0.push_str(v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.0.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        no_key()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        no_key()
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Unsupported> {
        no_key()
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        no_key()
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        no_key()
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        no_key()
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        no_key()
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        no_key()
    }
}

impl Tape {
    /// The JSON text of what [`Tape::write`] wrote: byte for byte what
    /// `serde_json::to_string` writes for the same value.
    pub fn to_json(&self) -> String {
        let keys = pieces(&self.keys, &self.key_lens);
        let mut json = Json {
            tape: self,
            keys,
            out: Vec::with_capacity(self.ops.len() * 8 + self.text.len() * 2),
            p: 0,
            q: 0,
            s: 0,
        };
        json.value();
        String::from_utf8(json.out).unwrap_or_default()
    }
}

/// `text` cut into pieces of the given lengths in UTF-16 units.
fn pieces<'t>(text: &'t str, lens: &[i32]) -> Vec<&'t str> {
    let mut out = Vec::with_capacity(lens.len());
    let mut rest = text;
    for &len in lens {
        let end = utf16_end(rest, len);
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// The byte length of the first `len` UTF-16 units of `s`.
fn utf16_end(s: &str, len: i32) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= len {
            return i;
        }
        units += c.len_utf16() as i32;
    }
    s.len()
}

/// Writes a tape as JSON text.
struct Json<'a> {
    tape: &'a Tape,
    keys: Vec<&'a str>,
    out: Vec<u8>,
    p: usize,
    q: usize,
    s: usize,
}

impl Json<'_> {
    fn op(&mut self) -> i32 {
        let v = self.tape.ops.get(self.p).copied().unwrap_or(NULL);
        self.p += 1;
        v
    }

    fn leaf<T: Serialize + ?Sized>(&mut self, v: &T) {
        let _ = serde_json::to_writer(&mut self.out, v);
    }

    fn value(&mut self) {
        match self.op() {
            FALSE => self.out.extend_from_slice(b"false"),
            TRUE => self.out.extend_from_slice(b"true"),
            INT => {
                let v = self.op();
                self.leaf(&v);
            }
            WHOLE_FLOAT => {
                let v = f64::from(self.op());
                self.leaf(&v);
            }
            FLOAT => {
                let v = self.tape.nums.get(self.q).copied().unwrap_or(f64::NAN);
                self.q += 1;
                self.leaf(&v);
            }
            code @ (STRING | BIG_INT) => {
                let len = self.op();
                let rest = self.tape.text.get(self.s..).unwrap_or_default();
                let end = if code == STRING {
                    utf16_end(rest, len)
                } else {
                    usize::try_from(len).unwrap_or(0).min(rest.len())
                };
                let piece = rest.get(..end).unwrap_or_default();
                self.s += end;
                if code == STRING {
                    self.leaf(piece);
                } else {
                    self.out.extend_from_slice(piece.as_bytes());
                }
            }
            ARRAY => {
                let n = self.op();
                self.out.push(b'[');
                for i in 0..n {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.value();
                }
                self.out.push(b']');
            }
            OBJECT => {
                let n = self.op();
                self.out.push(b'{');
                for i in 0..n {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    let k = self.op();
                    let key = usize::try_from(k)
                        .ok()
                        .and_then(|k| self.keys.get(k))
                        .copied()
                        .unwrap_or_default();
                    self.leaf(key);
                    self.out.push(b':');
                    self.value();
                }
                self.out.push(b'}');
            }
            _ => self.out.extend_from_slice(b"null"),
        }
    }
}
