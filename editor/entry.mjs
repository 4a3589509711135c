// What the page takes from CodeMirror 6, bundled into one ES module
// (www/vendor/codemirror.js) by scripts/build-wasm.
export { EditorState, StateField, StateEffect, RangeSetBuilder, Compartment, Transaction } from '@codemirror/state';
export {
  EditorView, Decoration, WidgetType, ViewPlugin, gutter, GutterMarker, hoverTooltip, keymap,
  lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, placeholder,
} from '@codemirror/view';
export { history, defaultKeymap, historyKeymap, undo, redo } from '@codemirror/commands';
export { search, searchKeymap, highlightSelectionMatches } from '@codemirror/search';
