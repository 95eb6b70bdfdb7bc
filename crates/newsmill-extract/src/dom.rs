//! A small, fast, forgiving HTML tokenizer and tree builder.
//!
//! Extraction needs the element structure, a handful of attributes and the text, not a
//! spec-complete DOM: a full HTML5 tree builder (html5ever) costs several milliseconds on a
//! typical news page, over the one-millisecond budget. This parser applies the parts of the HTML5
//! rules that change where text ends up (implied `</p>`, `</li>`, table cells, raw-text elements,
//! end tags that match nothing) and keeps only the attributes extraction reads. Nodes live in one
//! arena in document order, so a parent always has a smaller index than its children: passes over
//! the tree are plain loops, never recursion, whatever the nesting depth.

use crate::entities;

/// Marks "no node" in the arena links.
pub(crate) const NONE: u32 = u32::MAX;
/// Deeper elements are attached flat to the deepest open one, bounding the stack and any walk.
const MAX_DEPTH: usize = 256;

/// Element names extraction distinguishes; everything else is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Embed,
    Canvas,
    Video,
    Audio,
    Picture,
    Source,
    Img,
    Br,
    Hr,
    Wbr,
    Input,
    Button,
    Select,
    Option,
    Textarea,
    Form,
    Label,
    Fieldset,
    Nav,
    Aside,
    Footer,
    Header,
    Main,
    Article,
    Section,
    Div,
    P,
    Span,
    A,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Figure,
    Figcaption,
    Time,
    Address,
    Menu,
    Dialog,
    Details,
    Summary,
    B,
    I,
    Em,
    Strong,
    Small,
    Sup,
    Sub,
    U,
    Font,
    Center,
    Area,
    Base,
    Col,
    Param,
    Track,
    Xmp,
    Noembed,
    Noframes,
    Plaintext,
    Rt,
    Rp,
    Other,
}

impl Tag {
    fn from_name(n: &[u8]) -> Tag {
        use Tag::*;
        match n {
            b"html" => Html,
            b"head" => Head,
            b"body" => Body,
            b"title" => Title,
            b"meta" => Meta,
            b"link" => Link,
            b"script" => Script,
            b"style" => Style,
            b"noscript" => Noscript,
            b"template" => Template,
            b"svg" => Svg,
            b"math" => Math,
            b"iframe" => Iframe,
            b"object" => Object,
            b"embed" => Embed,
            b"canvas" => Canvas,
            b"video" => Video,
            b"audio" => Audio,
            b"picture" => Picture,
            b"source" => Source,
            b"img" => Img,
            b"br" => Br,
            b"hr" => Hr,
            b"wbr" => Wbr,
            b"input" => Input,
            b"button" => Button,
            b"select" => Select,
            b"option" => Option,
            b"textarea" => Textarea,
            b"form" => Form,
            b"label" => Label,
            b"fieldset" => Fieldset,
            b"nav" => Nav,
            b"aside" => Aside,
            b"footer" => Footer,
            b"header" => Header,
            b"main" => Main,
            b"article" => Article,
            b"section" => Section,
            b"div" => Div,
            b"p" => P,
            b"span" => Span,
            b"a" => A,
            b"h1" => H1,
            b"h2" => H2,
            b"h3" => H3,
            b"h4" => H4,
            b"h5" => H5,
            b"h6" => H6,
            b"ul" => Ul,
            b"ol" => Ol,
            b"li" => Li,
            b"dl" => Dl,
            b"dt" => Dt,
            b"dd" => Dd,
            b"blockquote" => Blockquote,
            b"pre" => Pre,
            b"code" => Code,
            b"table" => Table,
            b"caption" => Caption,
            b"thead" => Thead,
            b"tbody" => Tbody,
            b"tfoot" => Tfoot,
            b"tr" => Tr,
            b"td" => Td,
            b"th" => Th,
            b"figure" => Figure,
            b"figcaption" => Figcaption,
            b"time" => Time,
            b"address" => Address,
            b"menu" => Menu,
            b"dialog" => Dialog,
            b"details" => Details,
            b"summary" => Summary,
            b"b" => B,
            b"i" => I,
            b"em" => Em,
            b"strong" => Strong,
            b"small" => Small,
            b"sup" => Sup,
            b"sub" => Sub,
            b"u" => U,
            b"font" => Font,
            b"center" => Center,
            b"area" => Area,
            b"base" => Base,
            b"col" => Col,
            b"param" => Param,
            b"track" => Track,
            b"xmp" => Xmp,
            b"noembed" => Noembed,
            b"rt" => Rt,
            b"rp" => Rp,
            b"noframes" => Noframes,
            b"plaintext" => Plaintext,
            _ => Other,
        }
    }

    /// Elements that never have children.
    pub(crate) fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Meta | Link
                | Img
                | Br
                | Hr
                | Wbr
                | Input
                | Source
                | Embed
                | Area
                | Base
                | Col
                | Param
                | Track
        )
    }

    /// Elements whose content is raw text up to their end tag.
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Textarea
                | Title
                | Noscript
                | Iframe
                | Xmp
                | Noembed
                | Noframes
                | Template
                | Svg
                | Math
                | Plaintext
        )
    }

    /// Elements that start a new line of text (block-level rendering).
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Html | Body
                | P
                | Div
                | Section
                | Article
                | Main
                | Header
                | Footer
                | Nav
                | Aside
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Ul
                | Ol
                | Li
                | Dl
                | Dt
                | Dd
                | Blockquote
                | Pre
                | Table
                | Caption
                | Thead
                | Tbody
                | Tfoot
                | Tr
                | Figure
                | Figcaption
                | Address
                | Menu
                | Dialog
                | Details
                | Summary
                | Form
                | Fieldset
                | Center
                | Hr
                | Br
                | Td
                | Th
        )
    }

    /// Block starts that close an open `<p>` (HTML5 "close a p element").
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            P | Div
                | Section
                | Article
                | Main
                | Header
                | Footer
                | Nav
                | Aside
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Ul
                | Ol
                | Dl
                | Blockquote
                | Pre
                | Table
                | Figure
                | Figcaption
                | Address
                | Menu
                | Dialog
                | Details
                | Form
                | Fieldset
                | Center
                | Hr
        )
    }

    pub(crate) fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}

/// The attributes extraction reads; others are skipped while tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub(crate) enum AttrName {
    Class,
    Id,
    Role,
    Itemprop,
    Property,
    Name,
    Content,
    Href,
    Rel,
    Datetime,
    Type,
    Style,
    Hidden,
    AriaHidden,
    Lang,
    Charset,
    HttpEquiv,
    Itemtype,
}

impl AttrName {
    fn from_name(n: &[u8]) -> Option<AttrName> {
        use AttrName::*;
        Some(match n {
            b"class" => Class,
            b"id" => Id,
            b"role" => Role,
            b"itemprop" => Itemprop,
            b"property" => Property,
            b"name" => Name,
            b"content" => Content,
            b"href" => Href,
            b"rel" => Rel,
            b"datetime" => Datetime,
            b"type" => Type,
            b"style" => Style,
            b"hidden" => Hidden,
            b"aria-hidden" => AriaHidden,
            b"lang" => Lang,
            b"charset" => Charset,
            b"http-equiv" => HttpEquiv,
            b"itemtype" => Itemtype,
            _ => return None,
        })
    }
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The document root.
    Root,
    /// An element; its attributes are `attrs[a0..a1]`.
    Element { tag: Tag, a0: u32, a1: u32 },
    /// Text; `text[t0..t1]` of the DOM's text buffer (references already decoded).
    Text { t0: u32, t1: u32 },
}

/// One arena node with its tree links.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub kind: Kind,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
}

/// The parsed page.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    pub text: String,
    pub attrs: Vec<(AttrName, String)>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// Text of the first `<title>`.
    pub title: Option<String>,
}

impl Dom {
    /// The tag of node `i` (`None` for text and root).
    #[inline]
    pub(crate) fn tag(&self, i: u32) -> Option<Tag> {
        match self.nodes[i as usize].kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// The value of an attribute of node `i`.
    pub(crate) fn attr(&self, i: u32, name: AttrName) -> Option<&str> {
        match self.nodes[i as usize].kind {
            Kind::Element { a0, a1, .. } => self.attrs[a0 as usize..a1 as usize]
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The text of a text node.
    #[inline]
    pub(crate) fn text_of(&self, i: u32) -> &str {
        match self.nodes[i as usize].kind {
            Kind::Text { t0, t1 } => &self.text[t0 as usize..t1 as usize],
            _ => "",
        }
    }

    /// Iterates the children of `i`.
    pub(crate) fn children(&self, i: u32) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[i as usize].first_child,
        }
    }

    /// Index one past the last descendant of `i` (descendants are a contiguous index range).
    pub(crate) fn subtree_end(&self, i: u32) -> u32 {
        let mut n = i;
        loop {
            let node = &self.nodes[n as usize];
            if node.next != NONE {
                return node.next;
            }
            if node.parent == NONE {
                return self.nodes.len() as u32;
            }
            n = node.parent;
        }
    }

    fn push(&mut self, kind: Kind, parent: u32) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            kind,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
        });
        let p = &mut self.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.nodes[prev as usize].next = id;
        }
        id
    }

    fn push_text(&mut self, raw: &str, parent: u32) {
        if raw.is_empty() {
            return;
        }
        let t0 = self.text.len() as u32;
        entities::decode_into(raw, &mut self.text);
        let t1 = self.text.len() as u32;
        // Merge with a text node just before it (split by a skipped comment or tag).
        let last = self.nodes[parent as usize].last_child;
        if last != NONE {
            if let Kind::Text { t0: p0, t1: p1 } = self.nodes[last as usize].kind {
                if p1 == t0 {
                    self.nodes[last as usize].kind = Kind::Text { t0: p0, t1 };
                    return;
                }
            }
        }
        self.push(Kind::Text { t0, t1 }, parent);
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let c = self.next;
        self.next = self.dom.nodes[c as usize].next;
        Some(c)
    }
}

/// Finds `</name` (ASCII case-insensitive) in `hay` from `from`; returns its start.
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut pos = from;
    while let Some(off) = memchr::memmem::find(&hay[pos..], b"</") {
        let at = pos + off;
        let rest = &hay[at + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            let after = rest.get(name.len()).copied().unwrap_or(b'>');
            if matches!(after, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c') {
                return Some(at);
            }
        }
        pos = at + 2;
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Parses a page. Never fails: any input gives some tree.
pub(crate) fn parse(src: &str) -> Dom {
    let b = src.as_bytes();
    let mut dom = Dom {
        nodes: Vec::with_capacity(b.len() / 40 + 16),
        text: String::with_capacity(b.len() / 3),
        attrs: Vec::with_capacity(b.len() / 60 + 8),
        ..Dom::default()
    };
    dom.nodes.push(Node {
        kind: Kind::Root,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next: NONE,
    });
    // Open elements: (node, tag).
    let mut stack: Vec<(u32, Tag)> = Vec::with_capacity(64);
    let mut name_buf: Vec<u8> = Vec::with_capacity(16);
    let mut pos = 0usize;
    let n = b.len();
    let mut text_start = 0usize;

    macro_rules! current {
        () => {
            stack.last().map_or(0, |s| s.0)
        };
    }

    while pos < n {
        let Some(off) = memchr::memchr(b'<', &b[pos..]) else {
            break;
        };
        let lt = pos + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' {
            // Comment, doctype or CDATA.
            dom.push_text(&src[text_start..lt], current!());
            if b[lt..].starts_with(b"<!--") {
                let end = memchr::memmem::find(&b[lt + 4..], b"-->").map_or(n, |e| lt + 4 + e + 3);
                pos = end;
            } else if b[lt..].starts_with(b"<![CDATA[") {
                let end = memchr::memmem::find(&b[lt + 9..], b"]]>").map_or(n, |e| lt + 9 + e);
                dom.push_text(&src[lt + 9..end], current!());
                pos = (end + 3).min(n);
            } else {
                pos = memchr::memchr(b'>', &b[lt..]).map_or(n, |e| lt + e + 1);
            }
            text_start = pos;
            continue;
        }
        if next == b'?' {
            dom.push_text(&src[text_start..lt], current!());
            pos = memchr::memchr(b'>', &b[lt..]).map_or(n, |e| lt + e + 1);
            text_start = pos;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { lt + 2 } else { lt + 1 };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            if closing {
                // `</>` or `</ junk>`: a bogus comment.
                dom.push_text(&src[text_start..lt], current!());
                pos = memchr::memchr(b'>', &b[lt..]).map_or(n, |e| lt + e + 1);
                text_start = pos;
            } else {
                pos = lt + 1; // a literal '<' in text
            }
            continue;
        }
        dom.push_text(&src[text_start..lt], current!());
        let mut p = name_start;
        while p < n && !is_space(b[p]) && b[p] != b'>' && b[p] != b'/' {
            p += 1;
        }
        name_buf.clear();
        name_buf.extend(b[name_start..p].iter().map(|c| c.to_ascii_lowercase()));
        let tag = Tag::from_name(&name_buf);
        // Attributes.
        let a0 = dom.attrs.len() as u32;
        let (p, self_closing) = parse_attrs(&mut dom, src, p, closing);
        let a1 = dom.attrs.len() as u32;
        pos = p;
        text_start = pos;

        if closing {
            close_tag(&mut stack, tag, &mut dom);
            continue;
        }
        // Implied end tags.
        open_implies(&mut stack, tag);
        let parent = current!();
        let id = dom.push(Kind::Element { tag, a0, a1 }, parent);
        if tag.is_raw_text() {
            pos = raw_text_body(&mut dom, src, pos, tag, &name_buf, id);
            text_start = pos;
            continue;
        }
        // `<head>` is not kept open: its content is void or raw-text elements anyway, and a
        // missing `</head>` must not swallow the body.
        if tag.is_void() || tag == Tag::Head || (self_closing && tag == Tag::Other) {
            continue;
        }
        if stack.len() < MAX_DEPTH {
            stack.push((id, tag));
        }
    }
    if text_start < n {
        dom.push_text(&src[text_start..], current!());
    }
    dom
}

/// Reads a tag's attributes from `p` (just after its name), keeping those newsmill uses (none
/// for an end tag); returns the position after the tag and whether it ended in `/>`.
fn parse_attrs(dom: &mut Dom, src: &str, mut p: usize, closing: bool) -> (usize, bool) {
    let b = src.as_bytes();
    let n = b.len();
    let mut self_closing = false;
    loop {
        while p < n && (is_space(b[p]) || (b[p] == b'/' && b.get(p + 1) != Some(&b'>'))) {
            p += 1;
        }
        if p >= n {
            break;
        }
        if b[p] == b'>' {
            p += 1;
            break;
        }
        if b[p] == b'/' {
            self_closing = true;
            p += 2;
            break;
        }
        let an0 = p;
        p += 1; // first char is never a delimiter here (could be '=' in junk)
        while p < n && !is_space(b[p]) && !matches!(b[p], b'>' | b'/' | b'=') {
            p += 1;
        }
        let an1 = p;
        while p < n && is_space(b[p]) {
            p += 1;
        }
        let mut val: Option<(usize, usize)> = None;
        if p < n && b[p] == b'=' {
            p += 1;
            while p < n && is_space(b[p]) {
                p += 1;
            }
            if p < n && (b[p] == b'"' || b[p] == b'\'') {
                let q = b[p];
                let v0 = p + 1;
                let v1 = memchr::memchr(q, &b[v0..]).map_or(n, |e| v0 + e);
                val = Some((v0, v1));
                p = (v1 + 1).min(n);
            } else {
                let v0 = p;
                while p < n && !is_space(b[p]) && b[p] != b'>' {
                    p += 1;
                }
                val = Some((v0, p));
            }
        }
        if closing {
            continue;
        }
        let an = &b[an0..an1];
        let known = if an.len() <= 12 {
            let mut lower = [0u8; 12];
            for (d, s) in lower.iter_mut().zip(an) {
                *d = s.to_ascii_lowercase();
            }
            AttrName::from_name(&lower[..an.len()])
        } else {
            None
        };
        if let Some(name) = known {
            let v = val.map_or(String::new(), |(v0, v1)| entities::decode(&src[v0..v1]));
            dom.attrs.push((name, v));
        }
    }
    (p, self_closing)
}

/// The body of a raw-text element (`<script>`, `<style>`, `<title>`, `<textarea>`) opened by
/// node `id` and starting at `pos`: the title, JSON-LD scripts and textarea text are kept.
/// Returns the position after its end tag.
fn raw_text_body(dom: &mut Dom, src: &str, pos: usize, tag: Tag, lname: &[u8], id: u32) -> usize {
    let b = src.as_bytes();
    let n = b.len();
    let end = if tag == Tag::Plaintext {
        None
    } else {
        find_end_tag(b, pos, lname)
    };
    let body_end = end.unwrap_or(n);
    let body = &src[pos..body_end];
    match tag {
        Tag::Title if dom.title.is_none() => dom.title = Some(entities::decode(body)),
        Tag::Script => {
            let ty = dom.attr(id, AttrName::Type).unwrap_or("");
            if ty.eq_ignore_ascii_case("application/ld+json") && dom.json_ld.len() < 32 {
                dom.json_ld.push(body.to_string());
            }
        }
        Tag::Textarea => dom.push_text(body, id),
        _ => {}
    }
    match end {
        Some(e) => memchr::memchr(b'>', &b[e..]).map_or(n, |x| e + x + 1),
        None => n,
    }
}

/// Scope boundaries: an end tag does not close elements past these.
fn is_scope_boundary(t: Tag) -> bool {
    matches!(
        t,
        Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Html | Tag::Template
    )
}

fn close_tag(stack: &mut Vec<(u32, Tag)>, tag: Tag, dom: &mut Dom) {
    if tag == Tag::Br {
        let parent = stack.last().map_or(0, |s| s.0);
        dom.push(
            Kind::Element {
                tag: Tag::Br,
                a0: 0,
                a1: 0,
            },
            parent,
        );
        return;
    }
    // Unknown elements are not told apart by name: `</x-foo>` closes the nearest unknown one.
    // An inline end tag (`</a>`, `</b>`) never closes across a block element: a stray `</a>`
    // must not pull the rest of the page out of the article (browsers ignore it too).
    let inline = !tag.is_block() && tag != Tag::Other;
    let limit = stack.len().saturating_sub(64);
    for k in (limit..stack.len()).rev() {
        let t = stack[k].1;
        if t == tag {
            stack.truncate(k);
            return;
        }
        if inline && t.is_block() {
            return;
        }
        if is_scope_boundary(t)
            && !matches!(
                tag,
                Tag::Table
                    | Tag::Td
                    | Tag::Th
                    | Tag::Tr
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Caption
            )
        {
            return;
        }
        if t == Tag::Table && !matches!(tag, Tag::Table) {
            return;
        }
    }
}

fn close_nearest(stack: &mut Vec<(u32, Tag)>, targets: &[Tag], boundaries: &[Tag]) {
    let limit = stack.len().saturating_sub(32);
    for k in (limit..stack.len()).rev() {
        let t = stack[k].1;
        if targets.contains(&t) {
            stack.truncate(k);
            return;
        }
        if boundaries.contains(&t) || t == Tag::Html || t == Tag::Template {
            return;
        }
    }
}

fn open_implies(stack: &mut Vec<(u32, Tag)>, tag: Tag) {
    use Tag::*;
    if tag.closes_p() {
        close_nearest(stack, &[P], &[Button, Table, Td, Th, Caption]);
    }
    match tag {
        Li => close_nearest(stack, &[Li], &[Ul, Ol, Menu, Table, Td, Th]),
        Dt | Dd => close_nearest(stack, &[Dt, Dd], &[Dl, Table, Td, Th]),
        Tr => close_nearest(stack, &[Tr], &[Table, Tbody, Thead, Tfoot]),
        Td | Th => close_nearest(stack, &[Td, Th], &[Tr, Table]),
        Tbody | Thead | Tfoot => close_nearest(stack, &[Tbody, Thead, Tfoot], &[Table]),
        Option => close_nearest(stack, &[Option], &[Select, Table, Td, Th]),
        A => close_nearest(stack, &[A], &[Div, Li, P, Td, Th, Table, Article, Section]),
        Body | Head | Html => {}
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(dom: &Dom, i: u32, out: &mut String) {
        match dom.nodes[i as usize].kind {
            Kind::Text { .. } => out.push_str(dom.text_of(i)),
            Kind::Element { tag, .. } => {
                out.push_str(&format!("<{tag:?}>"));
                for c in dom.children(i) {
                    dump(dom, c, out);
                }
                out.push_str(&format!("</{tag:?}>"));
            }
            Kind::Root => {
                for c in dom.children(i) {
                    dump(dom, c, out);
                }
            }
        }
    }

    fn tree(s: &str) -> String {
        let d = parse(s);
        let mut out = String::new();
        dump(&d, 0, &mut out);
        out
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(tree("<p>a<p>b<div>c</div>"), "<P>a</P><P>b</P><Div>c</Div>");
        assert_eq!(
            tree("<ul><li>a<li>b</ul>x"),
            "<Ul><Li>a</Li><Li>b</Li></Ul>x"
        );
        assert_eq!(
            tree("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<Table><Tr><Td>a</Td><Td>b</Td></Tr><Tr><Td>c</Td></Tr></Table>"
        );
    }

    #[test]
    fn raw_text_comments_and_entities() {
        assert_eq!(
            tree("<script>if (a<b) {}</script><p>x &amp; y<!-- c --> z</p>"),
            "<Script></Script><P>x & y z</P>"
        );
        assert_eq!(tree("a < b <3"), "a < b <3");
        assert_eq!(tree("<STYLE>p{}</style >t"), "<Style></Style>t");
    }

    #[test]
    fn stray_end_tags_are_ignored_and_attrs_read() {
        assert_eq!(tree("<div></span>a</p></div>b"), "<Div>a</Div>b");
        assert_eq!(
            tree("<a>x<div><a>y</a></a>z</div>w"),
            "<A>x<Div><A>y</A>z</Div>w</A>"
        );
        let d = parse("<div CLASS='x y' id=main data-z=\"q\">t</div>");
        assert_eq!(d.attr(1, AttrName::Class), Some("x y"));
        assert_eq!(d.attr(1, AttrName::Id), Some("main"));
    }

    #[test]
    fn json_ld_and_title_collected() {
        let d = parse(
            "<title>A &amp; B</title><script type=\"application/ld+json\">{\"a\":1}</script>",
        );
        assert_eq!(d.title.as_deref(), Some("A & B"));
        assert_eq!(d.json_ld, vec!["{\"a\":1}".to_string()]);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let s = "<div>".repeat(100_000) + "x";
        let d = parse(&s);
        assert_eq!(d.nodes.len(), 100_002);
        assert!(d.subtree_end(1) as usize == d.nodes.len());
    }
}
