/** Text for vision–language models: a WordPiece vocabulary trained on a dataset's own texts. */
package io.medloom.learn.text;
