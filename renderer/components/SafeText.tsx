/**
 * Zoom text (chat, names, operation sentences) is hostile. It is rendered only as React text
 * nodes, never as markup. Links inside it become buttons that ask main to open them, which
 * applies the scheme policy and asks the investigator first.
 */
import { useState } from 'react';

import { call } from '../api.ts';

const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;

interface Piece {
  text: string;
  link: boolean;
}

export function splitLinks(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index), link: false });
    pieces.push({ text: match[0], link: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), link: false });
  return pieces;
}

/** Renders text; when `links` is set, http, https and mailto links can be opened. */
export function SafeText({ text, links = false }: { text: string | null; links?: boolean }) {
  const [note, setNote] = useState<string | null>(null);
  if (text === null) return <span className="muted">—</span>;
  if (!links) return <>{text}</>;

  const open = async (url: string) => {
    const result = await call('links.open', { url });
    setNote(result.opened ? null : result.reason);
  };

  return (
    <>
      {splitLinks(text).map((piece, i) =>
        piece.link ? (
          <button key={i} className="link" title="Open in the system browser"
            onClick={() => void open(piece.text)}>{piece.text}</button>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
      {note ? <span className="muted small"> ({note})</span> : null}
    </>
  );
}
