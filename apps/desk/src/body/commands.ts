import { baseKeymap, setBlockType, toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import type { Attrs, MarkType, Node, NodeType } from 'prosemirror-model';
import { liftListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import type { Command, EditorState } from 'prosemirror-state';
import { bodySchema as schema } from './schema.js';

const { nodes, marks } = schema;

/** The kind of block the cursor is in, as the toolbar names it. */
export type BlockKind = 'paragraph' | 'heading2' | 'heading3' | 'heading4' | 'quote' | 'bullet_list' | 'ordered_list' | 'other';

export function blockKind(state: EditorState): BlockKind {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type === nodes.bullet_list || node.type === nodes.ordered_list) return node.type.name as BlockKind;
  }
  const parent = $from.parent;
  if (parent.type === nodes.heading) return `heading${parent.attrs.level as 2 | 3 | 4}`;
  if (parent.type === nodes.paragraph || parent.type === nodes.quote) return parent.type.name as BlockKind;
  return 'other';
}

export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

/** Out of a list first (a list item's paragraph becomes a plain one), then the block type. */
function textblock(type: NodeType, attrs: Attrs | null = null): Command {
  return (state, dispatch, view) => {
    if (blockKind(state) === 'bullet_list' || blockKind(state) === 'ordered_list') {
      if (!liftListItem(nodes.list_item)(state, dispatch, view)) return false;
      if (!dispatch || !view) return true;
      state = view.state;
    }
    return setBlockType(type, attrs)(state, dispatch, view);
  };
}

/** Into a list of this kind; in one already, switch its kind; in this kind, out of it. */
function list(type: NodeType): Command {
  return (state, dispatch, view) => {
    const { $from } = state.selection;
    for (let depth = $from.depth; depth > 0; depth--) {
      const node = $from.node(depth);
      if (node.type === type) return liftListItem(nodes.list_item)(state, dispatch, view);
      if (node.type === nodes.bullet_list || node.type === nodes.ordered_list) {
        dispatch?.(state.tr.setNodeMarkup($from.before(depth), type));
        return true;
      }
    }
    // Lists hold paragraphs: a heading or quote becomes a paragraph first.
    if ($from.parent.type !== nodes.paragraph) {
      if (!setBlockType(nodes.paragraph)(state, dispatch, view)) return false;
      if (!dispatch || !view) return true;
      state = view.state;
    }
    return wrapInList(type)(state, dispatch, view);
  };
}

export const COMMANDS = {
  paragraph: textblock(nodes.paragraph),
  heading2: textblock(nodes.heading, { level: 2 }),
  heading3: textblock(nodes.heading, { level: 3 }),
  heading4: textblock(nodes.heading, { level: 4 }),
  quote: textblock(nodes.quote),
  bullet_list: list(nodes.bullet_list),
  ordered_list: list(nodes.ordered_list),
  bold: toggleMark(marks.bold),
  italic: toggleMark(marks.italic),
} satisfies Record<string, Command>;

/** Links the selection to href (an http(s) URL), or unlinks it when href is null. */
export function setLink(href: string | null): Command {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection;
    if (empty) return false;
    if (dispatch) {
      const tr = state.tr.removeMark(from, to, marks.link);
      dispatch(href === null ? tr : tr.addMark(from, to, marks.link.create({ href })));
    }
    return true;
  };
}

/** Puts an atom block (image, audio, embed, related) where the cursor is. */
export function insertBlock(node: Node): Command {
  return (state, dispatch) => {
    dispatch?.(state.tr.replaceSelectionWith(node).scrollIntoView());
    return true;
  };
}

export const KEYS: Record<string, Command> = {
  'Mod-b': COMMANDS.bold,
  'Mod-i': COMMANDS.italic,
  'Mod-z': undo,
  'Mod-y': redo,
  'Shift-Mod-z': redo,
  Enter: splitListItem(nodes.list_item),
  'Mod-[': liftListItem(nodes.list_item),
};

export { baseKeymap };
