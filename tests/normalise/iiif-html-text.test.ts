// The HTML that IIIF allows in values, turned into text: tags, entities, links, and input that is broken on purpose.

import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/normalise/crosswalks/html-text.js';

describe('htmlToText', () => {
  it('returns text without tags or entities as it is', () => {
    expect(htmlToText('5 < 6 and 7 > 3')).toEqual({ text: '5 < 6 and 7 > 3', links: [] });
  });

  it('drops tags, keeps line and paragraph breaks, and collects links in order', () => {
    expect(htmlToText('<p>One<br/>two</p><p>See <a href="https://a.org/1">this</a> and <a class=x href=\'https://a.org/2?x=1&amp;y=2\'>that</a></p>')).toEqual({
      text: '\n\nOne\ntwo\n\n\n\nSee this and that\n\n',
      links: ['https://a.org/1', 'https://a.org/2?x=1&y=2'],
    });
  });

  it('drops script, style and comments with their content, and attributes with them', () => {
    expect(htmlToText('a<script>alert("<b>")</script>b<style>p{}</style>c<!-- <i>hidden</i> -->d<img src=x onerror=alert(1)>e').text).toBe('abcde');
  });

  it('drops an unclosed tag at the end rather than keep half of it', () => {
    expect(htmlToText('text <span class="x').text).toBe('text ');
  });

  it('decodes named and numeric entities, and keeps unknown ones and control characters out', () => {
    expect(decodeEntities('&eacute;t&eacute; &amp; &#233;&#xE9; &#0; &#x1F; &nbsp;|')).toBe('&eacute;t&eacute; & éé    |');
  });
});
